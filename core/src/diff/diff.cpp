// Policy diff (docs/semantics.md, Policy diff): both policies read, every section compared with the registry's
// directions (sections.cpp), and with a treasury the status under each policy.
#include "ballast/diff.h"

#include "ballast/evaluate.h"
#include "differ.h"

#include <algorithm>
#include <map>

namespace ballast {

const char* change_name(ChangeKind k) {
  switch (k) {
    case ChangeKind::Relaxed: return "relaxed";
    case ChangeKind::Tightened: return "tightened";
    case ChangeKind::Added: return "added";
    case ChangeKind::Removed: return "removed";
    case ChangeKind::Changed: return "changed";
  }
  return "changed";
}

std::size_t PolicyDiff::count(ChangeKind k) const {
  return static_cast<std::size_t>(
      std::count_if(changes.begin(), changes.end(), [k](const PolicyChange& c) { return c.change == k; }));
}

namespace {

// Status findings by what identifies them across two policies: scenario, rule, subject, id.
std::map<std::string, StatusFinding> status_findings(const Report& r) {
  std::map<std::string, StatusFinding> out;
  auto add = [&](const Finding& f, const std::string& scenario) {
    out.emplace(scenario + "|" + f.rule + "|" + f.subject + "|" + f.id,
                StatusFinding{f.rule, f.subject, f.id, f.severity, f.message});
  };
  for (const auto& f : r.findings) add(f, "");
  for (const auto& s : r.stress)
    for (const auto& f : s.findings) add(f, s.name);
  return out;
}

// The status of the treasury under both policies, or the input errors that prevent it.
std::optional<StatusComparison> compare_status(std::string_view a, std::string_view b, std::string_view treasury,
                                               const CheckLimits& limits, std::vector<Diagnostic>& errors) {
  auto pa = parse_status_documents(a, treasury, limits);
  auto pb = parse_status_documents(b, treasury, limits);
  // The treasury's own errors once; the policies' (numeraire, obligations) under their names.
  for (auto& e : pa.errors) {
    if (e.document == "policy") e.document = "old";
    errors.push_back(e);
  }
  for (auto& e : pb.errors)
    if (e.document == "policy") {
      e.document = "new";
      errors.push_back(e);
    }
  if (!pa.value || !pb.value) return std::nullopt;
  StatusComparison s{evaluate_status(*pa.value), evaluate_status(*pb.value), {}, {}};
  const auto fa = status_findings(s.old_status), fb = status_findings(s.new_status);
  for (const auto& [k, f] : fb)
    if (!fa.count(k)) s.appeared.push_back(f);
  for (const auto& [k, f] : fa)
    if (!fb.count(k)) s.disappeared.push_back(f);
  return s;
}

std::string verdict_of(const PolicyDiff& d) {
  const bool looser = d.count(ChangeKind::Relaxed) + d.count(ChangeKind::Removed) > 0;
  const bool stricter = d.count(ChangeKind::Tightened) + d.count(ChangeKind::Added) > 0;
  return looser && stricter ? "mixed" : looser ? "relaxed" : stricter ? "tightened" : "neutral";
}

}  // namespace

PolicyDiff diff_policies(std::string_view old_policy, std::string_view new_policy,
                         std::optional<std::string_view> treasury, const CheckLimits& limits) {
  PolicyDiff out;
  auto a = parse_policy(old_policy, "old", limits);
  auto b = parse_policy(new_policy, "new", limits);
  out.errors = a.errors;
  out.errors.insert(out.errors.end(), b.errors.begin(), b.errors.end());
  if (out.errors.empty() && treasury) out.status = compare_status(old_policy, new_policy, *treasury, limits, out.errors);
  if (!out.errors.empty()) {
    sort_diagnostics(out.errors);
    out.status.reset();
    out.verdict = "error";
    return out;
  }
  diff::Differ d(out.changes);
  diff::compare_policies(d, *a.value, *b.value);
  out.verdict = verdict_of(out);
  return out;
}

}  // namespace ballast
