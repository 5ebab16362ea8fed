// The rule registry: one explicit table of every rule of the catalog (the README, Rule catalog), with its
// phase, default severity, check, and every policy field it reads with that field's direction.
// The evaluator runs the checks from it; the policy diff reads the directions from it; adding a
// rule touches its file in core/src/rules/, its row here, its schema entry and its cases.
#pragma once

#include "ballast/model.h"
#include "ballast/report.h"

#include <optional>
#include <vector>

namespace ballast {

namespace rules {
struct Context;
}

/// When a rule is evaluated.
enum class Phase {
  PerAction,  // on each action, on the state the previous action left
  After,      // on the after state against the before state (and again under stress)
  Proposal,   // on the whole simulated batch with the history
  History,    // on the proposal's swaps and the history; also when the batch reverts
  Engine,     // not a policy rule: reported by the evaluator itself
};

/// What moving a policy field does. `relaxed` and `tightened` come from here (docs/semantics.md, Policy diff).
enum class Direction {
  Upper,      // an upper bound: raising it relaxes
  Lower,      // a lower bound: lowering it relaxes
  Window,     // a time window or wait: shortening it relaxes
  Allowlist,  // a list of what is allowed: an entry added relaxes, one removed tightens
  Checklist,  // a list of what is checked (stress shocks and families): an entry removed relaxes
  Switch,     // a rule that is on when true: turning it off relaxes
  Permission, // an exception that is off when false: turning it on relaxes
  Shock,      // a price shock: a smaller magnitude relaxes
  Target,     // a target weight: moving it is a change, neither relaxed nor tightened
  Severity,   // a rule's severity: error to warning relaxes
  Identity,   // what names or matches a rule (select, of, liability, id, name): a change of it is a change
};

/// A policy field a rule reads: its JSON pointer pattern in policy/1 ("*" for any list index)
/// and its direction.
struct PolicyField {
  const char* path;
  Direction direction;
};

/// One row of the registry.
struct RuleSpec {
  const char* id;                   // "limit.max"
  Phase phase;
  Severity default_severity;
  void (*check)(const rules::Context&, std::vector<Finding>&);  // nullptr: reported by another row
  std::vector<PolicyField> fields;  // every policy field the rule reads
  const char* summary;              // what it checks, in one line
  std::optional<Family> family = std::nullopt;  // After rules a stress scenario can re-check
};

/// Every rule, in catalog order.
const std::vector<RuleSpec>& rule_registry();

/// Fields of policy/1 that belong to no single rule (the document's name, a rule object's id and
/// severity), with their directions. With the registry's, they cover every field of policy/1.
const std::vector<PolicyField>& policy_document_fields();

}  // namespace ballast
