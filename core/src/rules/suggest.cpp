// One suggested fix per swap (docs/semantics.md, Suggested fix): the largest amount passing every
// amount-sized execution rule together, found by the max_passing search on one combined figure
// (the largest of each rule's figure over its limit, against 1), and the slippage bound at that size.
#include "context.h"

namespace ballast::rules {

namespace {

// figure / limit as a fraction; a limit of 0 makes any positive figure fail.
Frac over(const Frac& figure, const Frac& limit) {
  if (limit.num == 0) return figure.num > 0 ? Frac{2, 1} : Frac{0, 1};
  return Frac{figure.num * limit.den, figure.den * limit.num};
}

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
    auto combined = [&e, curve](const SwapOutcome& o) -> std::optional<Frac> {
      Frac worst{0, 1};
      auto take = [&worst](const Frac& ratio) {
        if (compare(worst, ratio) < 0) worst = ratio;
      };
      if (e.max_trade_value) take(over(Frac{o.value_in, 1}, Frac{e.max_trade_value->value, 1}));
      if (!curve) return worst;
      if (e.max_loss_bps && o.loss) take(over(*o.loss, Frac{e.max_loss_bps->value, 10000}));
      if (e.max_price_impact_bps && o.impact) take(over(*o.impact, Frac{e.max_price_impact_bps->value, 10000}));
      if (e.max_pool_share_bps && o.pool_share) take(over(*o.pool_share, Frac{e.max_pool_share_bps->value, 10000}));
      return worst;
    };
    auto mp = max_passing(x.treasury(), *s, x.outcome->venue_before, x.outcome->quote, combined, Frac{1, 1});
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
    const Int bps = e.max_slippage_bps->value;
    if (s->exact_in)  // the least min_amount_out whose tolerance 1 - min/out is within the limit
      fix.bound = (at.result.amount_out * (10000 - bps) + 9999) / 10000;
    else  // the largest max_amount_in whose tolerance max/in - 1 is within the limit
      fix.bound = at.result.amount_in * (10000 + bps) / 10000;
  }
  return fix;
}

}  // namespace ballast::rules
