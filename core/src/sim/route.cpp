// Routes: a swap through several venues, hop by hop, as the routers execute it (docs/semantics.md,
// Routes). Exact input runs forwards; exact output runs from the last hop back, each hop's
// required input the previous hop's output (Uniswap's exactOutput and getAmountsIn). As for one
// venue, a bound the simulation misses is the warning swap.min_out_unreachable, not a revert.
#include "ballast/sim.h"

#include <map>

namespace ballast {

ActionOutcome apply_route(const Treasury& t, MarketState& m, const SwapAction& s) {
  ActionOutcome o;
  std::map<std::size_t, VenueState> work;  // the venues the route has moved so far
  auto state = [&](std::size_t v) -> VenueState& {
    auto it = work.find(v);
    return it != work.end() ? it->second : work.emplace(v, m.venues[v]).first->second;
  };
  const std::size_t n = s.route.size();
  std::vector<SwapOutcome::Hop> hops(n);
  Int amount = s.amount;
  o.venue_before = m.venues[s.venue];
  for (std::size_t step = 0; step < n; ++step) {
    const std::size_t k = s.exact_in ? step : n - 1 - step;
    SwapAction hop;
    hop.venue = s.route[k];
    hop.sell = s.hop_sell(k);
    hop.buy = s.hop_buy(k);
    hop.exact_in = s.exact_in;
    hop.amount = amount;
    VenueState& st = state(hop.venue);
    const PoolQuote q = quote_pool(t, hop, st);
    if (k == 0) o.quote = q;
    const SwapOutcome h = simulate_swap(t, hop, amount, st, q);
    if (!h.result.ok) {
      o.subject = t.venues[hop.venue].id;
      o.failure = "hop " + std::to_string(k) + " of the route: " + h.result.failure;
      return o;
    }
    hops[k] = {hop.venue, h.result.amount_in, h.result.amount_out, h.impact, h.pool_share, h.oracle_deviation};
    amount = s.exact_in ? h.result.amount_out : h.result.amount_in;
  }
  SwapOutcome r;
  r.result.ok = true;
  r.result.amount_in = hops.front().amount_in;
  r.result.amount_out = hops.back().amount_out;
  const Asset& a_in = t.assets[s.sell];
  const Asset& a_out = t.assets[s.buy];
  r.value_in = asset_value(r.result.amount_in, a_in.price, a_in.decimals);
  r.value_out = asset_value(r.result.amount_out, a_out.price, a_out.decimals);
  if (r.value_in > 0) r.loss = Frac{r.value_in - r.value_out, r.value_in};
  set_slippage(r, s.exact_in, s.bound, r.result.amount_in, r.result.amount_out);
  r.hops = std::move(hops);
  o.swap = r;
  const Asset& sell = t.assets[s.sell];
  if (m.balances[s.sell] < r.result.amount_in) {
    o.subject = sell.id;
    o.failure = "the balance of " + sell.id + " is " + to_string(m.balances[s.sell]) + ", the swap sells " +
                to_string(r.result.amount_in);
    return o;
  }
  m.balances[s.sell] -= r.result.amount_in;
  if (pays_account(t, s)) m.balances[s.buy] += r.result.amount_out;
  for (auto& [v, st] : work) m.venues[v] = std::move(st);
  o.ok = true;
  return o;
}

}  // namespace ballast
