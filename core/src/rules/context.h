// What a rule check sees: the case, the valuation book, the evaluation time, and the states and
// outcomes of its phase. Built by the evaluator; rules only read it.
#pragma once

#include "../sim/valuation.h"
#include "ballast/json.h"
#include "ballast/report.h"
#include "ballast/rules.h"
#include "ballast/sim.h"

#include <string>
#include <vector>

namespace ballast::rules {

/// The inputs of one rule check.
struct Context {
  const CaseRef& c;
  const sim::Book& book;
  Time now;
  // After rules (and stress): the state judged, and the state before (null in status).
  const sim::Snapshot* before = nullptr;
  const sim::Snapshot* after = nullptr;
  std::string prefix;  // "stress." under a scenario
  // Per-action rules: the action, its outcome, and the states around it.
  const Action* action = nullptr;
  const ActionOutcome* outcome = nullptr;
  const sim::Snapshot* state_before_action = nullptr;
  const sim::Snapshot* state_after_action = nullptr;
  // Proposal rules: what the batch traded and lost (wads), and whether it has a swap.
  Int traded = 0;
  Int lost = 0;
  bool any_swap = false;
  std::vector<std::optional<Int>> pulled;  // per action applied: the input a swap took

  const Policy& policy() const { return c.policy; }
  const Treasury& treasury() const { return c.treasury; }
  const std::string& numeraire() const { return c.treasury.numeraire; }
};

/// A finding of `rule` carrying the rule object's id, severity and path.
Finding make_finding(const std::string& rule, const RuleMeta& meta, std::string subject, Message message);
/// A per-action finding: at the action's path, naming the policy rule in rule_path.
Finding& add_action_finding(const Context& x, std::vector<Finding>& out, const std::string& rule,
                            const RuleMeta& meta, std::string subject, Message message);

// The checks, one per rule row (core/src/rules/*.cpp).
void check_targets(const Context&, std::vector<Finding>&);
void check_limit_max(const Context&, std::vector<Finding>&);
void check_limit_min(const Context&, std::vector<Finding>&);
void check_floor_runway(const Context&, std::vector<Finding>&);
void check_floor_value(const Context&, std::vector<Finding>&);
void check_backing(const Context&, std::vector<Finding>&);
void check_asset_allowlist(const Context&, std::vector<Finding>&);
void check_recipient_allowlist(const Context&, std::vector<Finding>&);
void check_venue_allowlist(const Context&, std::vector<Finding>&);
void check_trade_value(const Context&, std::vector<Finding>&);
void check_swap_loss(const Context&, std::vector<Finding>&);
void check_price_impact(const Context&, std::vector<Finding>&);
void check_slippage(const Context&, std::vector<Finding>&);
void check_min_out_missing(const Context&, std::vector<Finding>&);
void check_min_out_unreachable(const Context&, std::vector<Finding>&);
void check_pool_share(const Context&, std::vector<Finding>&);
void check_oracle_deviation(const Context&, std::vector<Finding>&);
void check_increases_drift(const Context&, std::vector<Finding>&);
void check_proposal_value(const Context&, std::vector<Finding>&);
void check_budget_window(const Context&, std::vector<Finding>&);
void check_budget_loss(const Context&, std::vector<Finding>&);
void check_cooldown(const Context&, std::vector<Finding>&);
void check_allocation(const Context&, std::vector<Finding>&);
void check_call_unknown(const Context&, std::vector<Finding>&);
void check_call_delegatecall(const Context&, std::vector<Finding>&);
void check_call_unverifiable(const Context&, std::vector<Finding>&);
void check_swap_recipient(const Context&, std::vector<Finding>&);
void check_approval_unlimited(const Context&, std::vector<Finding>&);
void check_approval_leftover(const Context&, std::vector<Finding>&);
void check_calls_checksum(const Context&, std::vector<Finding>&);

/// The suggested fix of the context's swap, given that action's findings (core/src/rules/suggest.cpp).
std::optional<SuggestedFix> suggest_fix(const Context& x, const std::vector<Finding>& action_findings);

}  // namespace ballast::rules
