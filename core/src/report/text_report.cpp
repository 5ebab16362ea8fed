// Numbers into text: the one place figures are rounded and written (half-to-even, fixed places).
#include "text_report.h"

#include "ballast/calls.h"
#include "ballast/diagnostics.h"

#include <algorithm>
#include <numeric>

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
  // Sorted as indices, then moved into place once: a finding is large (its figures hold 1,024-bit
  // integers), and a merge sort would move each of them several times.
  std::vector<std::size_t> order(findings.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&findings](std::size_t x, std::size_t y) {
    const Finding &a = findings[x], &b = findings[y];
    int c = compare_pointers(a.path, b.path);
    if (c != 0) return c < 0;
    if (a.rule != b.rule) return a.rule < b.rule;
    if (a.subject != b.subject) return a.subject < b.subject;
    return report::text(a.message) < report::text(b.message);  // written only on a tie
  });
  std::vector<Finding> sorted;
  sorted.reserve(findings.size());
  for (std::size_t k : order) sorted.push_back(std::move(findings[k]));
  findings = std::move(sorted);
}

namespace report {

namespace {

std::string bps(const Frac& f) { return to_fixed(f.num * 10000, f.den, 2); }
std::string percent(const Frac& f) { return to_fixed(f.num * 100, f.den, 2); }

// "1234567.89" -> "1,234,567.89"
std::string grouped(const std::string& s) {
  const std::size_t start = s[0] == '-' ? 1 : 0;
  std::size_t end = s.find('.');
  if (end == std::string::npos) end = s.size();
  std::string out = s.substr(0, start);
  for (std::size_t i = start; i < end; ++i) {
    out.push_back(s[i]);
    const std::size_t left = end - i - 1;
    if (left > 0 && left % 3 == 0) out.push_back(',');
  }
  return out + s.substr(end);
}

// An amount as a person reads it: token units, or base units when the decimals are unknown.
std::string amount_text(const Int& v, const std::string& asset, const Style& style) {
  if (!style.human()) return to_string(v);
  auto it = style.decimals->find(asset);
  if (it == style.decimals->end()) return grouped(to_string(v));
  return units(v, it->second) + " " + asset;
}

template <typename T, typename F>
std::optional<std::string> opt(const std::optional<T>& v, F write) {
  if (!v) return std::nullopt;
  return write(*v);
}

bool is_bps(const Figure& x) { return x.name.empty() && (x.scale == Scale::Bps || x.scale == Scale::SignedBps); }

// Whether a finding reads best in percent: one of its bps figures is 10 % or more. Its figures and
// message then all use percent, so that a figure and its limit share the unit.
bool reads_in_percent(const Finding& f) {
  auto large = [](const Figure& x) { return is_bps(x) && abs(x.number.num) * 10 >= abs(x.number.den); };
  for (const auto* x : {&f.observed, &f.limit, &f.before})
    if (*x && large(**x)) return true;
  for (const auto& p : f.message.parts())
    if (const auto* x = std::get_if<Figure>(&p); x && large(*x)) return true;
  return false;
}

FindingText finding_text(const Finding& f, const Style& base) {
  Style style = base;
  style.percent = base.human() && reads_in_percent(f);
  FindingText t;
  t.rule = f.rule;
  t.severity = f.severity;
  t.id = f.id;
  t.subject = f.subject;
  t.path = f.path;
  t.rule_path = f.rule_path;
  t.origin = f.origin;
  auto fig = [&](const Figure& x) { return text(x, style); };
  t.observed = opt(f.observed, fig);
  t.limit = opt(f.limit, fig);
  t.before = opt(f.before, fig);
  t.unit = style.percent && f.unit == "bps" ? "%" : f.unit;
  t.message = text(f.message, style);
  t.max_passing_asset = f.max_passing_asset;
  t.max_passing = opt(f.max_passing, [&](const Int& v) {
    return style.human() ? amount_text(v, f.max_passing_asset, style) + " (" + to_string(v) + ")" : to_string(v);
  });
  return t;
}

std::vector<FindingText> findings_text(const std::vector<Finding>& list, const Style& style) {
  std::vector<FindingText> out;
  out.reserve(list.size());
  for (const auto& f : list) out.push_back(finding_text(f, style));
  return out;
}

StateText state_text(const StateFigures& s, const Style& style) {
  StateText t;
  t.nav = style.human() ? money(s.nav) + " " + style.numeraire : text(Figure::value(s.nav));
  for (const auto& a : s.assets)
    t.assets.push_back({a.id, to_string(a.balance), text(Figure::value(a.value)), bps(a.weight), a.decimals});
  for (const auto& [k, v] : s.selectors) t.selectors[k] = SelectorText{text(Figure::value(v.value)), bps(v.weight)};
  for (const auto& x : s.targets)
    t.targets.push_back({x.select, x.target_bps, x.band_bps, bps(x.weight), text(Figure::signed_bps(x.deviation)), x.in_band});
  t.total_drift_bps = opt(s.total_drift, bps);
  for (const auto& [k, v] : s.runway_months) t.runway_months[k] = text(Figure::months(v));
  for (const auto& b : s.backing)
    t.backing.push_back({b.select, b.liability, opt(b.ratio, bps),
                         opt(b.ratio, [](const Frac& f) { return to_fixed(f.num * 100, f.den, 2) + " %"; })});
  return t;
}

// Approvals, wraps and calls: their fields and one summary line. False for swaps and transfers.
bool other_action_text(const ActionFigures& a, const Style& style, ActionText& t) {
  auto in_asset_units = [&](const Int& v, const std::string& asset) {
    return style.human() ? amount_text(v, asset, style) : to_string(v);
  };
  if (const auto* ap = std::get_if<ApproveFigures>(&a.figures)) {
    t.type = "approve";
    t.asset = ap->asset;
    t.spender = ap->spender;
    t.amount = ap->amount == two_pow_256() - 1 && style.human() ? "unlimited" : in_asset_units(ap->amount, ap->asset);
    t.summary = "approve " + *t.amount + (style.human() && *t.amount == "unlimited" ? " " + ap->asset : "") +
                " for " + ap->spender;
    return true;
  }
  if (const auto* w = std::get_if<WrapFigures>(&a.figures)) {
    t.type = w->unwrap ? "unwrap" : "wrap";
    t.asset = w->from;
    t.amount = in_asset_units(w->amount, w->from);
    t.summary = t.type + " " + *t.amount + (style.human() ? "" : " " + w->from) + " into " + w->to;
    return true;
  }
  if (const auto* c = std::get_if<CallFigures>(&a.figures)) {
    t.type = "call";
    t.to = c->to;
    t.amount = to_string(c->value);
    if (c->selector) t.selector = selector_hex(*c->selector);
    t.delegatecall = c->delegatecall;
    t.summary = std::string(c->delegatecall ? "delegatecall " : "call ") + c->to +
                (t.selector.empty() ? " (no calldata)" : " selector " + t.selector) +
                (c->value > 0 ? " with " + to_string(c->value) + " wei" : "");
    return true;
  }
  return false;
}

ActionText action_text(const ActionFigures& a, const Style& style) {
  ActionText t;
  t.index = a.index;
  auto value = [&](const Int& v) { return style.human() ? money(v) : text(Figure::value(v)); };
  t.origin = a.origin;
  auto in_asset_units = [&](const Int& v, const std::string& asset) {
    return style.human() ? amount_text(v, asset, style) : to_string(v);
  };
  if (const auto* tr = std::get_if<TransferFigures>(&a.figures)) {
    t.type = "transfer";
    t.asset = tr->asset;
    t.to = tr->to;
    t.amount = in_asset_units(tr->amount, tr->asset);
    t.value = value(tr->value) + (style.human() ? " " + style.numeraire : "");
    return t;
  }
  if (other_action_text(a, style, t)) return t;
  const auto& s = std::get<SwapFigures>(a.figures);
  t.route = s.route;
  t.via = s.via;
  t.recipient = s.recipient;
  t.spender = s.spender;
  if (s.deadline) t.deadline = format_time(*s.deadline);
  for (const auto& h : s.hops)
    t.hops.push_back({h.venue, to_string(h.amount_in), to_string(h.amount_out), opt(h.price_impact, bps),
                      opt(h.pool_share, bps), opt(h.oracle_deviation, bps)});
  const std::string& in_asset = s.sell;
  const std::string& out_asset = s.buy;
  // The stated amount is in the sold asset (exact input) or the bought one (exact output); the
  // bound and the simulated amount in the other.
  const std::string& stated = s.exact_in ? in_asset : out_asset;
  const std::string& other = s.exact_in ? out_asset : in_asset;
  auto in_stated = [&](const Int& v) { return amount_text(v, stated, style); };
  auto in_other = [&](const Int& v) { return amount_text(v, other, style); };
  t.type = "swap";
  t.venue = s.venue;
  t.sell = s.sell;
  t.buy = s.buy;
  t.exact_in = s.exact_in;
  (s.exact_in ? t.amount_in : t.amount_out) = in_stated(s.amount);
  (s.exact_in ? t.min_amount_out : t.max_amount_in) = opt(s.bound, in_other);
  (s.exact_in ? t.expected_out : t.expected_in) = opt(s.expected, in_other);
  t.value_in = opt(s.value_in, value);
  t.value_out = opt(s.value_out, value);
  t.loss_bps = opt(s.loss, bps);
  t.price_impact_bps = opt(s.price_impact, bps);
  t.slippage_bps = opt(s.slippage, bps);
  t.pool_share_bps = opt(s.pool_share, bps);
  t.oracle_deviation_bps = opt(s.oracle_deviation, bps);
  if (s.suggested) {
    auto exact = [&](const std::string& text, const Int& v) {
      return style.human() ? text + " (" + to_string(v) + ")" : text;
    };
    t.suggested_amount = exact(in_stated(s.suggested->amount), s.suggested->amount);
    if (s.suggested->bound) t.suggested_bound = exact(in_other(*s.suggested->bound), *s.suggested->bound);
  }
  return t;
}

}  // namespace

std::string units(const Int& base_units, unsigned decimals) {
  const Int& scale = pow10(decimals);
  const bool exact = (base_units * 10000) % scale == 0;
  std::string s = to_fixed(base_units, scale, 4);
  s.erase(s.find_last_not_of('0') + 1);
  if (s.back() == '.') s.pop_back();
  return (exact ? "" : "≈") + grouped(s);
}

std::string venues_text(const ActionText& a, const std::string& separator) {
  if (a.route.empty()) return a.venue;
  std::string out;
  for (const auto& v : a.route) out += (out.empty() ? "" : separator) + v;
  return out;
}

std::string money(const Int& wad_value) { return grouped(to_fixed(wad_value, wad(), 2)); }

std::string text(const Figure& f, const Style& style) {
  if (!f.name.empty()) return f.name;
  if (f.scale == Scale::Value && style.human()) return grouped(to_fixed(f.number.num, f.number.den, 2));
  if (f.scale == Scale::Amount && !f.asset.empty())
    return style.human() ? amount_text(f.number.num, f.asset, style) : to_string(f.number.num) + " " + f.asset;
  switch (f.scale) {
    case Scale::Bps: return style.percent ? percent(f.number) : bps(f.number);
    case Scale::SignedBps: {
      std::string s = style.percent ? percent(f.number) : bps(f.number);
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

std::string text(const Message& m, const Style& style) {
  // In percent, each bps figure carries " %"; a " bps" written after it (as one part or as " " and
  // "bps") was its unit and goes. A marker stands after such figures until the end.
  static const std::string mark = "\x01\x02";
  std::string out;
  for (const auto& p : m.parts()) {
    if (const auto* s = std::get_if<std::string>(&p)) {
      out += *s;
      continue;
    }
    const Figure& f = std::get<Figure>(p);
    out += text(f, style);
    if (style.percent && is_bps(f)) out += mark;
  }
  if (!style.percent) return out;
  for (std::size_t at = out.find(mark); at != std::string::npos; at = out.find(mark, at)) {
    const bool unit_follows = out.compare(at + mark.size(), 4, " bps") == 0;
    out.replace(at, mark.size() + (unit_follows ? 4 : 0), " %");
  }
  return out;
}

std::vector<std::string> human_messages(const Report& r, const std::vector<Finding>& findings) {
  const Style style{&r.decimals, r.numeraire};
  std::vector<std::string> out;
  out.reserve(findings.size());
  for (const auto& f : findings) {
    Style s = style;
    s.percent = reads_in_percent(f);
    out.push_back(text(f.message, s));
  }
  return out;
}

TextReport to_text(const Report& r, bool human) {
  Style style;
  if (human) style = Style{&r.decimals, r.numeraire};
  TextReport t;
  t.mode = mode_name(r.mode);
  t.verdict = verdict_name(r.verdict);
  t.proposal_id = r.proposal_id;
  t.numeraire = r.numeraire;
  t.proposal_title = r.proposal_title;
  t.policy_name = r.policy_name;
  t.findings = findings_text(r.findings, style);
  t.errors = r.errors;
  if (r.before) t.before = state_text(*r.before, style);
  if (r.after) t.after = state_text(*r.after, style);
  for (const auto& a : r.actions) t.actions.push_back(action_text(a, style));
  for (const auto& s : r.stress) t.stress.push_back({s.name, findings_text(s.findings, style)});
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
