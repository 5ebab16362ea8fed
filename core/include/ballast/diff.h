// Policy diff (docs/semantics.md, Policy diff): what an amendment relaxes and tightens, field by field, with the
// directions the rule registry (ballast/rules.h) gives every field of policy/1.
#pragma once

#include "ballast/parse.h"
#include "ballast/report.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ballast {

/// What a change does to the policy.
enum class ChangeKind {
  Relaxed,    // a bound loosened, an allowlist grown, a check or shock removed or softened
  Tightened,  // the opposite
  Added,      // a whole rule added (a tightening)
  Removed,    // a whole rule removed (a relaxation)
  Changed,    // neither: a target weight moved, a name or selector changed
};

/// One change between two policies.
struct PolicyChange {
  std::string path;     // JSON pointer in the new policy (in the old one for what was removed)
  std::string rule;     // the registry's rule id ("limit.max"), or "policy" for document fields
  std::string subject;  // the rule's selector, name or field
  ChangeKind change = ChangeKind::Changed;
  std::optional<Figure> old_value, new_value;
  Message message;
};

/// A finding of `ballast status` that one policy has and the other has not.
struct StatusFinding {
  std::string rule, subject, id;
  Severity severity = Severity::Error;
  Message message;
};

/// The status of the treasury under both policies, when a treasury is given.
struct StatusComparison {
  Report old_status, new_status;
  std::vector<StatusFinding> appeared, disappeared;
};

/// The diff of two policies. `verdict`: relaxed (something relaxed or removed, nothing tightened
/// or added), tightened (the opposite), mixed (both), neutral (otherwise); "error" when an input
/// is invalid, with `errors`.
struct PolicyDiff {
  std::string verdict;
  std::vector<PolicyChange> changes;
  std::vector<Diagnostic> errors;
  std::optional<StatusComparison> status;

  std::size_t count(ChangeKind k) const;
  /// True when anything is relaxed or removed (the CLI exits 1).
  bool relaxes() const { return count(ChangeKind::Relaxed) + count(ChangeKind::Removed) > 0; }
};

/// Compares two policy/1 documents; with a treasury, also their status on it. Input errors are
/// reported under the documents "old", "new" and "treasury".
PolicyDiff diff_policies(std::string_view old_policy, std::string_view new_policy,
                         std::optional<std::string_view> treasury = std::nullopt, const CheckLimits& limits = {});

/// "relaxed", "tightened", "added", "removed" or "changed".
const char* change_name(ChangeKind k);

}  // namespace ballast
