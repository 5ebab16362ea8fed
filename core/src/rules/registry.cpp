// The rule registry (include/ballast/rules.h): one row per rule of the catalog, in catalog order.
// An explicit table, not self-registration, so that a static link with LTO cannot drop a rule.
#include "context.h"

namespace ballast {

using D = Direction;
using namespace rules;

namespace {

// The rules on imported calls and what they grant (SPEC 11.5), after the rest of the catalog.
std::vector<RuleSpec> call_rules() {
  return {
      {"call.unknown", Phase::PerAction, Severity::Error, check_call_unknown,
       {{"/calls/allow", D::Allowlist}, {"/calls/allow/*/to", D::Identity}, {"/calls/allow/*/selector", D::Identity}},
       "a call Ballast cannot interpret that calls.allow does not list"},
      {"call.delegatecall", Phase::PerAction, Severity::Error, check_call_delegatecall, {},
       "a delegatecall to anything but a known MultiSend (calls.allow never lifts it)"},
      {"call.unverifiable", Phase::PerAction, Severity::Error, check_call_unverifiable, {},
       "a pre-signed order whose terms are missing or do not hash to its UID"},
      {"swap.recipient", Phase::PerAction, Severity::Error, check_swap_recipient, {},
       "a swap's output (after following the router) goes anywhere but the account"},
      {"approval.leftover", Phase::Proposal, Severity::Error, check_approval_leftover,
       {{"/execution/allow_leftover_approvals", D::Permission}},
       "an allowance the batch grants is not spent by the batch"},
      {"approval.unlimited", Phase::PerAction, Severity::Warning, check_approval_unlimited, {},
       "an approval of 2^256 - 1"},
      {"calls.checksum", Phase::Proposal, Severity::Warning, check_calls_checksum, {},
       "a Tx Builder file whose checksum does not match its content"},
  };
}

std::vector<RuleSpec> catalog() {
  std::vector<RuleSpec> table = {
      {"target.drift", Phase::After, Severity::Error, check_targets,
       {{"/targets/*/select", D::Identity}, {"/targets/*/weight_bps", D::Target}, {"/targets/*/band_bps", D::Upper}},
       "after the proposal a target's weight is outside its band and its deviation grew", Family::Targets},
      {"target.outside_band", Phase::After, Severity::Warning, nullptr, {},
       "outside the band but the deviation shrank or held (reported by target.drift's check)", Family::Targets},
      {"limit.max", Phase::After, Severity::Error, check_limit_max,
       {{"/limits/*/select", D::Identity}, {"/limits/*/of", D::Identity}, {"/limits/*/max_bps", D::Upper}},
       "the weight of a selector (within `of`) is above max_bps, with no-worsening", Family::Limits},
      {"limit.min", Phase::After, Severity::Error, check_limit_min,
       {{"/limits/*/select", D::Identity}, {"/limits/*/of", D::Identity}, {"/limits/*/min_bps", D::Lower}},
       "the weight of a selector (within `of`) is below min_bps, with no-worsening", Family::Limits},
      {"floor.runway", Phase::After, Severity::Error, check_floor_runway,
       {{"/floors/*/select", D::Identity}, {"/floors/*/min_months", D::Lower}},
       "the value of a selector is below min_months of monthly opex, with no-worsening", Family::Floors},
      {"floor.value", Phase::After, Severity::Error, check_floor_value,
       {{"/floors/*/select", D::Identity}, {"/floors/*/min_value", D::Lower}},
       "the value of a selector is below min_value, with no-worsening", Family::Floors},
      {"backing.ratio", Phase::After, Severity::Error, check_backing,
       {{"/backing/*/select", D::Identity}, {"/backing/*/liability", D::Identity},
        {"/backing/*/min_ratio_bps", D::Lower}},
       "the value of a selector over a liability is below min_ratio_bps, with no-worsening", Family::Backing},
      {"asset.not_allowed", Phase::PerAction, Severity::Error, check_asset_allowlist,
       {{"/assets/allow", D::Allowlist}}, "a swap buys an asset matching no selector of the allowlist"},
      {"recipient.not_allowed", Phase::PerAction, Severity::Error, check_recipient_allowlist,
       {{"/recipients/allow", D::Allowlist}}, "a transfer's recipient is not in the allowlist"},
      {"venue.not_allowed", Phase::PerAction, Severity::Error, check_venue_allowlist,
       {{"/execution/venues/allow", D::Allowlist}}, "a swap's venue is not in the allowlist"},
      {"action.infeasible", Phase::Engine, Severity::Error, nullptr, {},
       "an action cannot execute; the batch reverts (reported by the evaluator)"},
      {"trade.max_value", Phase::PerAction, Severity::Error, check_trade_value,
       {{"/execution/max_trade_value", D::Upper}}, "a swap's input value is above max_trade_value"},
      {"proposal.max_value", Phase::Proposal, Severity::Error, check_proposal_value,
       {{"/execution/max_proposal_value", D::Upper}}, "the proposal's summed swap value is above max_proposal_value"},
      {"budget.window", Phase::Proposal, Severity::Error, check_budget_window,
       {{"/execution/budgets/*/window_hours", D::Window}, {"/execution/budgets/*/max_value", D::Upper}},
       "traded value in the window, history and proposal, is above the budget"},
      {"budget.loss", Phase::Proposal, Severity::Error, check_budget_loss,
       {{"/execution/loss_budget/window_hours", D::Window}, {"/execution/loss_budget/max_bps", D::Upper}},
       "loss in the window, history and proposal, is above max_bps of NAV"},
      {"cooldown", Phase::History, Severity::Error, check_cooldown, {{"/execution/cooldown_hours", D::Window}},
       "less than cooldown_hours since the last history swap"},
      {"swap.loss", Phase::PerAction, Severity::Error, check_swap_loss, {{"/execution/max_loss_bps", D::Upper}},
       "value lost against the oracle is above max_loss_bps"},
      {"swap.price_impact", Phase::PerAction, Severity::Error, check_price_impact,
       {{"/execution/max_price_impact_bps", D::Upper}}, "price impact, fee excluded, is above max_price_impact_bps"},
      {"swap.slippage", Phase::PerAction, Severity::Error, check_slippage,
       {{"/execution/max_slippage_bps", D::Upper}}, "the slippage tolerance is above max_slippage_bps"},
      {"swap.min_out_missing", Phase::PerAction, Severity::Error, check_min_out_missing,
       {{"/execution/require_min_out", D::Switch}}, "no min_amount_out / max_amount_in while require_min_out"},
      {"swap.min_out_unreachable", Phase::PerAction, Severity::Warning, check_min_out_unreachable, {},
       "the stated bound is beyond the simulated amount: the swap would revert at the snapshot"},
      {"swap.pool_share", Phase::PerAction, Severity::Error, check_pool_share,
       {{"/execution/max_pool_share_bps", D::Upper}}, "input over the pool's reserve is above max_pool_share_bps"},
      {"swap.oracle_deviation", Phase::PerAction, Severity::Error, check_oracle_deviation,
       {{"/execution/max_oracle_deviation_bps", D::Upper}},
       "the pool's mid rate deviates from the oracle by more than max_oracle_deviation_bps"},
      {"swap.increases_drift", Phase::PerAction, Severity::Error, check_increases_drift,
       {{"/execution/rebalance_only", D::Switch}}, "with rebalance_only, a swap raises total drift"},
      {"allocation.mismatch", Phase::After, Severity::Error, check_allocation, {},
       "a weight the proposal claims differs from the simulated one by more than its tolerance"},
      {"stress", Phase::Engine, Severity::Error, nullptr,
       {{"/stress/*/name", D::Identity}, {"/stress/*/shocks", D::Checklist}, {"/stress/*/shocks/*/select", D::Identity},
        {"/stress/*/shocks/*/change_bps", D::Shock}, {"/stress/*/check", D::Checklist}},
       "the families a scenario lists fail on the shocked states (reported as stress.<rule>)"},
  };
  for (RuleSpec& r : call_rules()) table.push_back(std::move(r));
  return table;
}

}  // namespace

const std::vector<RuleSpec>& rule_registry() {
  static const std::vector<RuleSpec> table = catalog();
  return table;
}

const std::vector<PolicyField>& policy_document_fields() {
  static const std::vector<PolicyField> fields = {
      {"/ballast", D::Identity},     {"/name", D::Identity},          {"/description", D::Identity},
      {"/numeraire", D::Identity},   {"/*/id", D::Identity},          {"/*/severity", D::Severity},
  };
  return fields;
}

}  // namespace ballast
