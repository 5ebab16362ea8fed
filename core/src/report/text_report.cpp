// Numbers into text: the one place figures are rounded and written (half-to-even, fixed places).
#include "text_report.h"

#include "ballast/diagnostics.h"

#include <algorithm>

namespace ballast {

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Pass: return "pass";
    case Verdict::Fail: return "fail";
    case Verdict::Attention: return "attention";
    case Verdict::Error: return "error";
  }
  return "error";
}

const char* mode_name(Mode m) { return m == Mode::Status ? "status" : "check"; }

std::size_t Report::count(Severity s) const {
  std::size_t n = 0;
  for (const auto& f : findings) n += f.severity == s;
  for (const auto& st : stress)
    for (const auto& f : st.findings) n += f.severity == s;
  return n;
}

void sort_findings(std::vector<Finding>& findings) {
  // The message text breaks ties; written once per finding, not per comparison.
  std::vector<std::pair<std::string, Finding>> keyed;
  keyed.reserve(findings.size());
  for (auto& f : findings) keyed.emplace_back(report::text(f.message), std::move(f));
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& x, const auto& y) {
    const Finding& a = x.second;
    const Finding& b = y.second;
    int c = compare_pointers(a.path, b.path);
    if (c != 0) return c < 0;
    if (a.rule != b.rule) return a.rule < b.rule;
    if (a.subject != b.subject) return a.subject < b.subject;
    return x.first < y.first;
  });
  for (std::size_t i = 0; i < findings.size(); ++i) findings[i] = std::move(keyed[i].second);
}

namespace report {

namespace {

std::string bps(const Frac& f) { return to_fixed(f.num * 10000, f.den, 2); }

template <typename T, typename F>
std::optional<std::string> opt(const std::optional<T>& v, F write) {
  if (!v) return std::nullopt;
  return write(*v);
}

FindingText finding_text(const Finding& f) {
  FindingText t;
  t.rule = f.rule;
  t.severity = f.severity;
  t.id = f.id;
  t.subject = f.subject;
  t.path = f.path;
  t.rule_path = f.rule_path;
  auto fig = [](const Figure& x) { return text(x); };
  t.observed = opt(f.observed, fig);
  t.limit = opt(f.limit, fig);
  t.before = opt(f.before, fig);
  t.unit = f.unit;
  t.message = text(f.message);
  t.max_passing = opt(f.max_passing, [](const Int& v) { return to_string(v); });
  return t;
}

std::vector<FindingText> findings_text(const std::vector<Finding>& list) {
  std::vector<FindingText> out;
  out.reserve(list.size());
  for (const auto& f : list) out.push_back(finding_text(f));
  return out;
}

StateText state_text(const StateFigures& s) {
  StateText t;
  t.nav = text(Figure::value(s.nav));
  for (const auto& a : s.assets) t.assets.push_back({a.id, to_string(a.balance), text(Figure::value(a.value)), bps(a.weight)});
  for (const auto& [k, v] : s.selectors) t.selectors[k] = SelectorText{text(Figure::value(v.value)), bps(v.weight)};
  for (const auto& x : s.targets)
    t.targets.push_back({x.select, x.target_bps, x.band_bps, bps(x.weight), text(Figure::signed_bps(x.deviation)), x.in_band});
  t.total_drift_bps = opt(s.total_drift, bps);
  for (const auto& [k, v] : s.runway_months) t.runway_months[k] = text(Figure::months(v));
  for (const auto& b : s.backing) t.backing.push_back({b.select, b.liability, opt(b.ratio, bps)});
  return t;
}

ActionText action_text(const ActionFigures& a) {
  ActionText t;
  t.index = a.index;
  auto amount = [](const Int& v) { return to_string(v); };
  auto value = [](const Int& v) { return text(Figure::value(v)); };
  if (const auto* tr = std::get_if<TransferFigures>(&a.figures)) {
    t.type = "transfer";
    t.asset = tr->asset;
    t.to = tr->to;
    t.amount = to_string(tr->amount);
    t.value = value(tr->value);
    return t;
  }
  const auto& s = std::get<SwapFigures>(a.figures);
  t.type = "swap";
  t.venue = s.venue;
  t.sell = s.sell;
  t.buy = s.buy;
  t.exact_in = s.exact_in;
  (s.exact_in ? t.amount_in : t.amount_out) = to_string(s.amount);
  (s.exact_in ? t.min_amount_out : t.max_amount_in) = opt(s.bound, amount);
  (s.exact_in ? t.expected_out : t.expected_in) = opt(s.expected, amount);
  t.value_in = opt(s.value_in, value);
  t.value_out = opt(s.value_out, value);
  t.loss_bps = opt(s.loss, bps);
  t.price_impact_bps = opt(s.price_impact, bps);
  t.slippage_bps = opt(s.slippage, bps);
  t.pool_share_bps = opt(s.pool_share, bps);
  t.oracle_deviation_bps = opt(s.oracle_deviation, bps);
  if (s.suggested) {
    t.suggested_amount = to_string(s.suggested->amount);
    t.suggested_bound = opt(s.suggested->bound, amount);
  }
  return t;
}

}  // namespace

std::string text(const Figure& f) {
  if (!f.name.empty()) return f.name;
  switch (f.scale) {
    case Scale::Bps: return bps(f.number);
    case Scale::SignedBps: {
      std::string s = bps(f.number);
      return s[0] == '-' ? s : "+" + s;
    }
    case Scale::Months:
    case Scale::Hours: return to_fixed(f.number.num, f.number.den, 2);
    case Scale::Value: return to_fixed(f.number.num, f.number.den, 6);
    case Scale::Amount: return to_string(f.number.num);
    case Scale::Number: {
      std::string s = to_fixed(f.number.num, f.number.den, 18);  // exact: den divides 10^18
      s.erase(s.find_last_not_of('0') + 1);
      if (s.back() == '.') s.pop_back();
      return s;
    }
  }
  return "";
}

std::string text(const Message& m) {
  std::string out;
  for (const auto& p : m.parts()) {
    if (const auto* s = std::get_if<std::string>(&p)) out += *s;
    else out += text(std::get<Figure>(p));
  }
  return out;
}

TextReport to_text(const Report& r) {
  TextReport t;
  t.mode = mode_name(r.mode);
  t.verdict = verdict_name(r.verdict);
  t.proposal_id = r.proposal_id;
  t.findings = findings_text(r.findings);
  t.errors = r.errors;
  if (r.before) t.before = state_text(*r.before);
  if (r.after) t.after = state_text(*r.after);
  for (const auto& a : r.actions) t.actions.push_back(action_text(a));
  for (const auto& s : r.stress) t.stress.push_back({s.name, findings_text(s.findings)});
  t.errors_count = r.count(Severity::Error);
  t.warnings_count = r.count(Severity::Warning);
  return t;
}

std::vector<const FindingText*> all_findings(const TextReport& r) {
  std::vector<const FindingText*> all;
  for (const auto& f : r.findings) all.push_back(&f);
  for (const auto& s : r.stress)
    for (const auto& f : s.findings) all.push_back(&f);
  return all;
}

}  // namespace report
}  // namespace ballast
