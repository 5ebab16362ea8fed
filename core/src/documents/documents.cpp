// The documents module's entry points: the registry of document kinds, the case built from its
// three documents (with the checks between them), and validation of one document of any kind.
#include "readers.h"

#include "ballast/calls.h"

#include <cstdio>

#include <algorithm>

namespace ballast {

// Time: RFC 3339 UTC only.

namespace {

bool digits_at(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

std::optional<Time> parse_time(std::string_view s) {
  int y, mo, d, h, mi, se;
  if (s.size() < 20) return std::nullopt;
  if (!digits_at(s, 0, 4, y) || s[4] != '-' || !digits_at(s, 5, 2, mo) || s[7] != '-' || !digits_at(s, 8, 2, d) ||
      s[10] != 'T' || !digits_at(s, 11, 2, h) || s[13] != ':' || !digits_at(s, 14, 2, mi) || s[16] != ':' ||
      !digits_at(s, 17, 2, se))
    return std::nullopt;
  std::size_t pos = 19;
  std::int32_t nanos = 0;
  if (s[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (pos - start < 9) nanos = nanos * 10 + (s[pos] - '0');
      ++pos;
    }
    std::size_t n = pos - start;
    if (n == 0 || n > 9) return std::nullopt;
    for (std::size_t i = n; i < 9; ++i) nanos *= 10;
  }
  if (pos + 1 != s.size() || s[pos] != 'Z') return std::nullopt;
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (mo < 1 || mo > 12 || d < 1) return std::nullopt;
  int dim = mdays[mo - 1] + (mo == 2 && leap(y) ? 1 : 0);
  if (d > dim || h > 23 || mi > 59 || se > 59) return std::nullopt;
  Time t;
  t.seconds = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + se;
  t.nanos = nanos;
  return t;
}

const char* action_type_name(ActionType t) {
  switch (t) {
    case ActionType::Swap: return "swap";
    case ActionType::Transfer: return "transfer";
    case ActionType::Approve: return "approve";
    case ActionType::Wrap: return "wrap";
    case ActionType::Unwrap: return "unwrap";
    case ActionType::Call: return "call";
  }
  return "call";
}

std::string format_time(const Time& t) {
  // H. Hinnant's civil_from_days.
  const std::int64_t days = (t.seconds >= 0 ? t.seconds : t.seconds - 86399) / 86400;
  const std::int64_t secs = t.seconds - days * 86400;
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld", static_cast<long long>(y), m, d,
                static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60));
  std::string out = buf;
  if (t.nanos > 0) {
    char frac[16];
    std::snprintf(frac, sizeof frac, ".%09d", t.nanos);
    std::string f = frac;
    while (f.back() == '0') f.pop_back();
    out += f;
  }
  return out + "Z";
}
const std::vector<DocumentKind>& document_kinds() {
  static const std::vector<DocumentKind> kinds = {
      {"policy", "policy/1", true, "the written treasury policy"},
      {"treasury", "treasury/1", true, "a snapshot of holdings and markets"},
      {"proposal", "proposal/1", true, "a batch of swaps and transfers"},
      {"case", "case/1", true, "policy, treasury and proposal in one document"},
      {"calls", "calls/1", true, "calls an account executes, for import and check --calls"},
      {"report", "report/1", false, "the outcome of a check or a status"},
      {"diff", "diff/1", false, "the changes between two policies"},
      {"plan", "plan/1", false, "a planned rebalance: tranches of proposals that each pass check"},
  };
  return kinds;
}

const DocumentKind* find_document_kind(std::string_view name_or_tag) {
  for (const auto& k : document_kinds())
    if (name_or_tag == k.name || name_or_tag == k.tag) return &k;
  return nullptr;
}

std::string document_kind_names(const char* sep) {
  std::string out;
  for (const auto& k : document_kinds()) out += (out.empty() ? "" : sep) + std::string(k.name);
  return out;
}

using namespace documents;

namespace {

// Checks between policy and treasury: numeraire, obligations the rules need.
void cross_check(Reader& r, const Policy& p, const Treasury& t) {
  if (!p.numeraire.empty() && p.numeraire != t.numeraire)
    r.error(code::ref_numeraire_mismatch, "/numeraire",
            "policy numeraire " + quote(p.numeraire) + " differs from the treasury's " + quote(t.numeraire));
  for (std::size_t i = 0; i < p.floors.size(); ++i) {
    if (p.floors[i].min_months && !t.monthly_opex)
      r.error(code::ref_missing_obligation, pointer_join("/floors", i) + "/min_months",
              "a runway floor needs the treasury's obligations.monthly_opex");
  }
  for (std::size_t i = 0; i < p.backing.size(); ++i) {
    if (!t.liabilities.count(p.backing[i].liability))
      r.error(code::ref_unknown_liability, pointer_join("/backing", i) + "/liability",
              "unknown liability " + quote(p.backing[i].liability) + " (not in the treasury's obligations.liabilities)");
  }
}

std::unique_ptr<Node> parse_doc(std::string_view text, const std::string& doc, const CheckLimits& lim, Diagnostics& d) {
  return parse_json(text, doc, ParseLimits{lim.max_bytes, lim.max_depth}, d);
}

// The policy and the treasury, read and checked against each other (their errors into `d`).
struct Base {
  std::optional<Policy> policy;
  std::optional<Treasury> treasury;
  References refs;
};

void read_base(const Node* policy, const Node* treasury, const CheckLimits& lim, Diagnostics& d, Base& b) {
  Reader rt(d, "treasury", lim), rp(d, "policy", lim);
  if (treasury) b.treasury = read_treasury(rt, *treasury, b.refs);
  if (policy) b.policy = read_policy(rp, *policy);
  if (b.policy && b.treasury) cross_check(rp, *b.policy, *b.treasury);
}

// Reads the three document trees into a case, with each document's errors under its own name.
Parsed<Case> build_case(const Node* policy, const Node* treasury, const Node* proposal, const CheckLimits& lim,
                        Diagnostics& d) {
  Parsed<Case> out;
  Base base;
  read_base(policy, treasury, lim, d, base);
  auto& [p, t, idx] = base;
  Reader rq(d, "proposal", lim);
  std::optional<Proposal> q;
  if (proposal) q = read_proposal(rq, *proposal, t ? &*t : nullptr, t ? &idx : nullptr);
  if (d.empty() && p && t && (q || !proposal)) {
    out.value = Case{std::move(*p), std::move(*t), q ? std::move(*q) : Proposal{}};
  }
  out.errors = d.take();
  sort_diagnostics(out.errors);
  if (!out.errors.empty()) out.value.reset();
  return out;
}

}  // namespace

Parsed<Case> parse_documents(std::string_view policy_json, std::string_view treasury_json,
                             std::string_view proposal_json, const CheckLimits& limits) {
  Diagnostics d;
  auto p = parse_doc(policy_json, "policy", limits, d);
  auto t = parse_doc(treasury_json, "treasury", limits, d);
  auto q = parse_doc(proposal_json, "proposal", limits, d);
  return build_case(p.get(), t.get(), q.get(), limits, d);
}

struct Prepared::State {
  std::string policy_json, treasury_json;  // kept only when invalid, to report as parse_documents does
  CheckLimits limits;
  std::optional<Case> base;  // policy and treasury, no proposal
  References refs;           // the treasury's ids, to read proposals against
  std::vector<Diagnostic> errors;
};

Prepared prepare_documents(std::string_view policy_json, std::string_view treasury_json, const CheckLimits& limits) {
  auto s = std::make_shared<Prepared::State>();
  s->limits = limits;
  Diagnostics d;
  auto p = parse_doc(policy_json, "policy", limits, d);
  auto t = parse_doc(treasury_json, "treasury", limits, d);
  Base base;
  read_base(p.get(), t.get(), limits, d, base);
  s->errors = d.take();
  sort_diagnostics(s->errors);
  s->refs = std::move(base.refs);
  if (s->errors.empty() && base.policy && base.treasury) {
    s->base = Case{std::move(*base.policy), std::move(*base.treasury), Proposal{}};
  } else {
    s->policy_json = policy_json;
    s->treasury_json = treasury_json;
  }
  return Prepared(std::move(s));
}

const std::vector<Diagnostic>& prepared_errors(const Prepared& prepared) { return prepared.state().errors; }

const Case* prepared_case(const Prepared& prepared) {
  const auto& base = prepared.state().base;
  return base ? &*base : nullptr;
}

Parsed<Proposal> parse_prepared(const Prepared& prepared, std::string_view proposal_json) {
  const Prepared::State& s = prepared.state();
  Parsed<Proposal> out;
  if (!s.base) {
    out.errors = parse_documents(s.policy_json, s.treasury_json, proposal_json, s.limits).errors;
    return out;
  }
  Diagnostics d;
  auto q = parse_doc(proposal_json, "proposal", s.limits, d);
  Reader rq(d, "proposal", s.limits);
  if (q) out.value = read_proposal(rq, *q, &s.base->treasury, &s.refs);
  out.errors = d.take();
  sort_diagnostics(out.errors);
  if (!out.errors.empty()) out.value.reset();
  return out;
}

Parsed<Case> parse_status_documents(std::string_view policy_json, std::string_view treasury_json,
                                    const CheckLimits& limits) {
  Diagnostics d;
  auto p = parse_doc(policy_json, "policy", limits, d);
  auto t = parse_doc(treasury_json, "treasury", limits, d);
  return build_case(p.get(), t.get(), nullptr, limits, d);
}

Parsed<Case> parse_case(std::string_view case_json, const CheckLimits& limits) {
  Diagnostics d;
  auto root = parse_doc(case_json, "case", limits, d);
  if (!root) {
    Parsed<Case> out;
    out.errors = d.take();
    return out;
  }
  Reader r(d, "case", limits);
  const Node *p = nullptr, *t = nullptr, *q = nullptr;
  {
    Obj o(r, *root, "");
    if (o.ok() && check_kind(r, o, "case/1")) {
      o.opt("name");
      o.opt("description");
      p = o.req("policy");
      t = o.req("treasury");
      q = o.req("proposal");
    }
  }
  Parsed<Case> out = build_case(p, t, q, limits, d);
  if (!p || !t || !q) out.value.reset();
  return out;
}

Parsed<Policy> parse_policy(std::string_view policy_json, const std::string& document, const CheckLimits& limits) {
  Parsed<Policy> out;
  Diagnostics d;
  auto root = parse_doc(policy_json, document, limits, d);
  Reader r(d, document, limits);
  if (root) out.value = read_policy(r, *root);
  out.errors = d.take();
  sort_diagnostics(out.errors);
  if (!out.errors.empty()) out.value.reset();
  return out;
}

Parsed<Treasury> parse_treasury(std::string_view treasury_json, const CheckLimits& limits) {
  Parsed<Treasury> out;
  Diagnostics d;
  auto root = parse_doc(treasury_json, "treasury", limits, d);
  Reader r(d, "treasury", limits);
  References idx;
  if (root) out.value = read_treasury(r, *root, idx);
  out.errors = d.take();
  sort_diagnostics(out.errors);
  if (!out.errors.empty()) out.value.reset();
  return out;
}

Parsed<TreasuryProposal> parse_treasury_proposal(std::string_view treasury_json, std::string_view proposal_json,
                                                 const CheckLimits& limits) {
  Parsed<TreasuryProposal> out;
  Diagnostics d;
  auto t = parse_doc(treasury_json, "treasury", limits, d);
  auto q = parse_doc(proposal_json, "proposal", limits, d);
  Reader rt(d, "treasury", limits);
  References idx;
  std::optional<Treasury> treasury;
  if (t) treasury = read_treasury(rt, *t, idx);
  if (treasury && d.empty() && q) {
    Reader rq(d, "proposal", limits);
    if (auto proposal = read_proposal(rq, *q, &*treasury, &idx)) out.value = TreasuryProposal{std::move(*treasury), std::move(*proposal)};
  }
  out.errors = d.take();
  sort_diagnostics(out.errors);
  if (!out.errors.empty()) out.value.reset();
  return out;
}

Validation validate_document(std::string_view json, const CheckLimits& limits) {
  Validation v;
  Diagnostics d;
  auto root = parse_doc(json, "document", limits, d);
  if (!root) {
    v.errors = d.take();
    return v;
  }
  const Node* k = root->kind == Node::Kind::Object ? root->find("ballast") : nullptr;
  if (k && k->kind == Node::Kind::String) v.kind = k->text;
  if (v.kind == "case/1") {
    auto c = parse_case(json, limits);
    v.errors = std::move(c.errors);
    return v;
  }
  const DocumentKind* kind = find_document_kind(v.kind);
  bool known = kind && v.kind == kind->tag;
  Reader r(d, known ? kind->name : "document", limits);
  if (v.kind == "policy/1") {
    read_policy(r, *root);
  } else if (v.kind == "treasury/1") {
    References idx;
    read_treasury(r, *root, idx);
  } else if (v.kind == "proposal/1") {
    read_proposal(r, *root, nullptr, nullptr);
  } else if (v.kind == "calls/1") {
    for (auto& e : read_batch(json, nullptr, limits).errors) d.add(e.code, e.document, e.path, e.message);
  } else if (known && !kind->input) {
    // Output documents (reports, diffs): only their JSON is checked.
  } else if (!k && root->kind == Node::Kind::Object && root->find("transactions") && root->find("meta")) {
    v.kind = "tx-builder";  // a Safe Transaction Builder batch file, read as import reads it
    for (auto& e : read_batch(json, nullptr, limits).errors) d.add(e.code, e.document, e.path, e.message);
  } else if (!k) {
    r.error(root->kind == Node::Kind::Object ? code::field_missing : code::type_mismatch,
            root->kind == Node::Kind::Object ? "/ballast" : "",
            root->kind == Node::Kind::Object ? "missing required field \"ballast\" (the document kind)"
                                             : "expected a document object, got " + quote(*root));
  } else if (k->kind != Node::Kind::String) {
    r.error(code::type_mismatch, "/ballast", "expected a document kind string, got " + quote(*k));
  } else {
    r.error(code::kind_unknown, "/ballast", "unknown document kind " + quote(*k));
  }
  v.errors = d.take();
  sort_diagnostics(v.errors);
  return v;
}

}  // namespace ballast
