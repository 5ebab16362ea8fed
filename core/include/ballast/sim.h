// Simulation without rules: the market a batch changes (balances and venue states), applying one
// action to it, and the per-swap figures of docs/semantics.md, Venues. Used by the evaluator and usable on
// its own: copy a MarketState, apply a batch, read the outcomes. States are plain values with no
// hidden caches, so a copy can be used on another thread.
#pragma once

#include "ballast/model.h"
#include "ballast/venues.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ballast {

/// What a batch changes: every asset's balance and every venue's state, in treasury order.
struct MarketState {
  std::vector<Int> balances;
  std::vector<VenueState> venues;

  /// The treasury's snapshot.
  static MarketState of(const Treasury& t);
};

/// The pool as a swap finds it: the token positions, mid rate, reserve of the input token, fee,
/// and the deviation of the mid rate from the oracle rate.
struct PoolQuote {
  std::size_t in = 0, out = 1;
  std::optional<Frac> mid;
  std::optional<Int> reserve_in;
  Frac fee{0, 1};
  std::optional<Frac> oracle_deviation;
};

/// A simulated swap: the venue's amounts and the figures of docs/semantics.md, Venues (values are wads,
/// the others fractions of 1). Figures that do not apply are absent.
struct SwapOutcome {
  SwapResult result;
  Int value_in, value_out;
  std::optional<Frac> loss, impact, slippage, pool_share, oracle_deviation;
  bool slippage_unbounded = false;  // exact output with no max_amount_in
  /// A route's hops, in trade order, with the figures that belong to one pool (the route's own
  /// impact, pool share and oracle deviation are absent: each hop has its own).
  struct Hop {
    std::size_t venue = 0;
    Int amount_in, amount_out;
    std::optional<Frac> impact, pool_share, oracle_deviation;
  };
  std::vector<Hop> hops;
};

/// The outcome of one action. When it cannot execute, `failure` says why and `subject` names the
/// asset or venue; the market is left as it was.
struct ActionOutcome {
  bool ok = false;
  std::string subject;
  std::string failure;
  std::optional<SwapOutcome> swap;  // swaps that reached the venue
  PoolQuote quote;                  // swaps: the pool as the swap found it
  VenueState venue_before;          // swaps: the venue's state before the swap
};

/// Quotes the swap's venue in the given state.
PoolQuote quote_pool(const Treasury& t, const SwapAction& s, const VenueState& state);

/// Simulates `s` for `amount` (its stated amount, or another for a what-if) on `state`, which is
/// updated when the venue fills.
/// The swap's bound (min_amount_out or max_amount_in) at `amount` instead of its stated amount: as
/// stated on a venue with a curve; on a limit order, scaled to keep the order's price (rounded in
/// the order's favour: a smaller min_amount_out, a larger max_amount_in are not proposed).
std::optional<Int> bound_at(const SwapAction& s, const Int& amount, const VenueState& state);

SwapOutcome simulate_swap(const Treasury& t, const SwapAction& s, const Int& amount, VenueState& state,
                          const PoolQuote& q);

/// Applies one action to the market (balances and venues) as the chain would, or reports why it
/// cannot execute. At `now`, a swap whose deadline has passed reverts.
ActionOutcome apply_action(const Treasury& t, MarketState& m, const Action& a, std::optional<Time> now = std::nullopt);

/// A route (a swap with several venues) on `m`'s venues: each hop on the state the previous one
/// left, exact output computed from the last hop back as the routers do; the route's bound applies
/// to its ends. `m` is updated only when every hop fills and the bound holds.
ActionOutcome apply_route(const Treasury& t, MarketState& m, const SwapAction& s);

/// The slippage tolerance of a swap that took `in` and gave `out` with `bound`: (out − min out) /
/// out for exact input, (max in − in) / in for exact output; unbounded exact output is flagged.
void set_slippage(SwapOutcome& o, bool exact_in, const std::optional<Int>& bound, const Int& in, const Int& out);

/// Whether a swap's output comes back to the treasury: no recipient stated, or the account. Output
/// paid to anyone else leaves the treasury (swap.recipient reports it).
bool pays_account(const Treasury& t, const SwapAction& s);

/// The assets whose balances an action changes.
std::vector<std::size_t> touched_assets(const Treasury& t, const Action& a);

/// The largest amount (in units of the swap's stated amount) whose simulation from `state`
/// passes `figure <= limit`: that amount passes and one base unit more fails (0 when none does).
std::optional<Int> max_passing(const Treasury& t, const SwapAction& s, const VenueState& state, const PoolQuote& q,
                               const std::function<std::optional<Frac>(const SwapOutcome&)>& figure,
                               const Frac& limit);

/// The amount-sized execution rules as one figure: the largest ratio of a figure to its limit
/// (trade.max_value; on a venue with a curve also swap.loss, swap.price_impact and
/// swap.pool_share), so that `<= 1` passes them all. The suggested fix and the planner's
/// per-venue caps search it with max_passing.
std::function<std::optional<Frac>(const SwapOutcome&)> sized_figure(const Execution& e, bool curve);

/// The bound whose slippage tolerance is exactly within `max_slippage_bps`: for exact input the
/// least min_amount_out, ceil(out × (10000 − bps) / 10000); for exact output the largest
/// max_amount_in, floor(in × (10000 + bps) / 10000).
Int slippage_bound(bool exact_in, const Int& simulated, long long max_slippage_bps);

}  // namespace ballast
