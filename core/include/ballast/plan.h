// The planner (SPEC section 13, docs/planner.md): from a policy and a treasury to the batches of
// swaps that bring the targets back into their bands, each one passing the checker against the
// state it will meet, routed across the allowed venues at the optimum.
#pragma once

#include "ballast/model.h"
#include "ballast/report.h"
#include "ballast/sim.h"

#include <optional>
#include <string>
#include <vector>

namespace ballast {

/// Where the plan moves each target: just inside its band (10 % of the band inside the nearer
/// edge, the cost-optimal move under proportional costs) or to its weight.
enum class PlanGoal { Edge, Target };

/// What `ballast plan` is asked.
struct PlanOptions {
  PlanGoal goal = PlanGoal::Edge;
  std::optional<Time> at;  // tranche 1's time; absent: the treasury's as_of
};

/// complete: every target ends in its band (edge) or within 1 bp of its weight (target);
/// not_needed: that already holds; partial: total drift falls by at least 1 bp, not to
/// completion; infeasible: no compliant progress.
enum class PlanStatus { Complete, Partial, NotNeeded, Infeasible };

/// One venue of a split: what it takes and gives, and its marginal rate there (output base
/// units per input base unit, fees included).
struct SplitLeg {
  std::size_t venue = 0;
  Int amount_in, amount_out;
  Frac marginal{0, 1};
};

/// One trade split across venues. `marginal` is the common marginal rate the split equalises;
/// legs with nothing to take are left out.
struct Split {
  Int amount_in, amount_out;
  Frac marginal{0, 1};
  std::vector<SplitLeg> legs;
};

/// A venue a trade may use, with the largest amount it may take (its cap from the per-swap
/// execution rules, the trade's amount when none binds).
struct Candidate {
  std::size_t venue = 0;
  Int cap;
};

/// Splits selling `amount` of asset `sell` for `buy` across the candidate venues (each listing
/// both) by equalising their marginal rates within their caps, on the venues' states in `m`:
/// Uniswap v2 in closed form, v3 by a swap to the price of the rate, Curve by bisection; then
/// keeps the better of that split and the best split on a 5 % grid (every single venue that can
/// take the whole amount among them), by exact simulation. The amounts sum to min(amount, Σ caps).
Split split_trade(const Treasury& t, const MarketState& m, std::size_t sell, std::size_t buy, const Int& amount,
                  const std::vector<Candidate>& venues);

/// One pair of a trade over several pairs: sell `sell` for `buy` on `venues`.
struct TradePair {
  std::size_t sell = 0, buy = 0;
  std::vector<Candidate> venues;
};

/// Shares selling `value` (wad at the treasury's prices) among several pairs at the joint
/// optimum: the output's value is greatest when every venue used has the same marginal rate in
/// value (buy value per sell value, fees included), within the venues' caps and the sellable
/// `limits` (base units per asset, shared by the pairs selling it; an asset at its limit has a
/// higher rate of its own). Returns the amount of `sell` for each pair, in order; they sum to
/// `value` (to rounding) or to everything the caps and limits allow when that is less. Each
/// pair's amount is then routed by split_trade at the same common rate.
std::vector<Int> share_value(const Treasury& t, const MarketState& m, const std::vector<TradePair>& pairs,
                             const std::vector<Int>& limits, const Int& value);

/// One proposal of the plan and the state it was checked against.
struct Tranche {
  Time not_before;
  Proposal proposal;
  Verdict verdict = Verdict::Pass;
  Frac drift_before{0, 1}, drift_after{0, 1};
};

/// What the rules leave undone, and why.
struct Unreached {
  std::string rule;     // the rule that stops it ("budget.window", "target.drift", ...)
  std::string subject;  // the target's selector, an asset, a venue or "proposal"
  Message message;
};

/// The routing certificate of one trade of tranche 1.
struct Routing {
  std::size_t sell = 0, buy = 0;
  Frac marginal{0, 1};  // base units, as in Split
  std::vector<SplitLeg> venues;
};

/// A plan (`plan/1`).
struct Plan {
  PlanStatus status = PlanStatus::NotNeeded;
  PlanGoal goal = PlanGoal::Edge;
  std::vector<Tranche> tranches;
  std::vector<Unreached> unreached;
  std::vector<Routing> routing;
  std::vector<Diagnostic> errors;  // invalid input: nothing planned
};

/// Plans the rebalance of a valid policy and treasury. Deterministic; bounded work (at most 20
/// tranches, a bounded number of checks per tranche).
Plan make_plan(const Policy& policy, const Treasury& treasury, const PlanOptions& options);

/// "complete", "partial", "not_needed", "infeasible".
const char* plan_status_name(PlanStatus s);
/// "edge", "target".
const char* plan_goal_name(PlanGoal g);

/// The plan/1 JSON of a plan (`treasury` names assets and venues).
std::string plan_to_json(const Plan& p, const Treasury& treasury);
/// The plan for a person: status, one line per swap in token units, what is left undone.
std::string plan_to_text(const Plan& p, const Treasury& treasury, const Policy& policy);

}  // namespace ballast
