// One suggested fix per swap (docs/semantics.md, Suggested fix): the largest amount passing every
// amount-sized execution rule together, found by the max_passing search on one combined figure
// (the largest of each rule's figure over its limit, against 1), and the slippage bound at that size.
#include "context.h"

namespace ballast::rules {

namespace {

bool has_finding(const std::vector<Finding>& findings, std::initializer_list<const char*> rules) {
  for (const auto& f : findings)
    for (const char* r : rules)
      if (f.rule == r) return true;
  return false;
}

}  // namespace

std::optional<SuggestedFix> suggest_fix(const Context& x, const std::vector<Finding>& findings) {
  // `findings`: those of this action alone.
  const SwapAction* s = x.action ? x.action->swap() : nullptr;
  if (!s || !s->route.empty() || !x.outcome || !x.outcome->swap) return std::nullopt;  // routes: none (docs)
  const Execution& e = x.policy().execution;
  // On a limit order only the trade value depends on the size: it fills at its own price, so its
  // loss is the same at every size (and it has no impact or pool share).
  const bool curve = has_curve(x.outcome->venue_before);
  const bool sized = curve ? has_finding(findings, {"trade.max_value", "swap.loss", "swap.price_impact", "swap.pool_share"})
                           : has_finding(findings, {"trade.max_value"});
  if (!sized && !has_finding(findings, {"swap.slippage", "swap.min_out_missing"})) return std::nullopt;
  SuggestedFix fix;
  fix.amount = s->amount;
  if (sized) {
    auto mp = max_passing(x.treasury(), *s, x.outcome->venue_before, x.outcome->quote, sized_figure(e, curve),
                          Frac{1, 1});
    if (!mp || *mp == 0) return std::nullopt;  // no size passes
    fix.amount = *mp;
  }
  if (!has_curve(x.outcome->venue_before)) {
    // A limit order fills at its bound: the fix keeps the order's price (its slippage is 0).
    fix.bound = bound_at(*s, fix.amount, x.outcome->venue_before);
  } else if (e.max_slippage_bps) {
    VenueState state = x.outcome->venue_before;
    const SwapOutcome at = simulate_swap(x.treasury(), *s, fix.amount, state, x.outcome->quote);
    if (!at.result.ok) return std::nullopt;
    fix.bound = slippage_bound(s->exact_in, s->exact_in ? at.result.amount_out : at.result.amount_in,
                               e.max_slippage_bps->value);
  }
  return fix;
}

}  // namespace ballast::rules
