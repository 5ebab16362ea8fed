// Routing one trade across venues at the optimum (docs/planner.md, Routing): the output of a split
// is the sum of concave functions of the amounts, so the best split equalises the venues' marginal
// rates (fees included) within their caps. A bisection on that common rate λ asks each venue how
// much it takes before its marginal rate falls to λ: Uniswap v2 in closed form, v3 by a swap
// to the price of the rate (the pool's own tick walk), Curve by bisection on the exact exchange
// with the invariant's exact derivative. The split is then simulated exactly and compared with
// the best split on a 5 % grid (every single venue that can take the whole amount among them);
// the better one is kept.
#include "ballast/plan.h"

#include <algorithm>

namespace ballast {

namespace {

// λ is held as a fixed-point fraction of the best venue's rate: λ = top · t / 2^(kScale + kSteps).
constexpr unsigned kScale = 192;
constexpr unsigned kSteps = 64;

struct Leg {
  std::size_t venue = 0;
  std::size_t in = 0, out = 1;  // token positions on the venue
  Int cap;
  const VenueState* state = nullptr;
};

// floor(√v) by Newton's method from a power of two above the root: a handful of divisions,
// where Boost's integer square root takes one step per bit.
Int isqrt(const Int& v) {
  if (v <= 0) return 0;
  Int x = Int(1) << (boost::multiprecision::msb(v) / 2 + 1);  // > √v
  for (;;) {
    Int y = (x + v / x) >> 1;
    if (y >= x) return x;
    x = std::move(y);
  }
}

Int ceil_sqrt(const Int& v) {
  Int r = isqrt(v);
  return r * r < v ? Int(r + 1) : r;
}

// Sells `amount` into a copy of `state`: the copy after the swap, or nullopt when it cannot execute.
std::optional<VenueState> after_selling(const VenueState& state, const Leg& leg, const Int& amount) {
  VenueState copy = state;
  if (amount == 0) return copy;
  SwapRequest rq;
  rq.in = leg.in;
  rq.out = leg.out;
  rq.amount = amount;
  if (!swap(copy, rq).ok) return std::nullopt;
  return copy;
}

std::optional<Int> amount_out(const Leg& leg, const Int& amount) {
  if (amount == 0) return Int(0);
  VenueState copy = *leg.state;
  SwapRequest rq;
  rq.in = leg.in;
  rq.out = leg.out;
  rq.amount = amount;
  SwapResult r = swap(copy, rq);
  if (!r.ok) return std::nullopt;
  return r.amount_out;
}

// The marginal rate of a leg after `amount` (fees included).
std::optional<Frac> leg_marginal(const Leg& leg, const Int& amount) {
  const VenueState& s = *leg.state;
  if (const auto* p = std::get_if<UniswapV2Pool>(&s)) {
    // getAmountOut's derivative: g·10000·x·y / (10000·x + g·Δ)², g = 10000 − fee.
    const Int& x = leg.in == 0 ? p->reserve0 : p->reserve1;
    const Int& y = leg.in == 0 ? p->reserve1 : p->reserve0;
    if (x == 0 || y == 0) return std::nullopt;
    const Int g = 10000 - p->fee_bps;
    const Int d = 10000 * x + g * amount;
    return Frac{g * 10000 * x * y, d * d};
  }
  if (std::holds_alternative<UniswapV3Pool>(s)) {
    // The fee comes off the input and the price moves with the rest: the rate after is (1 − fee)·P.
    auto after = after_selling(s, leg, amount);
    if (!after) return std::nullopt;
    const auto& p = std::get<UniswapV3Pool>(*after);
    if (p.liquidity == 0 && amount == 0) return std::nullopt;
    auto mid = mid_rate(*after, leg.in, leg.out);
    if (!mid) return std::nullopt;
    return Frac{mid->num * (1000000 - p.fee_pips), mid->den * 1000000};
  }
  if (const auto* c = std::get_if<CurveStableSwapPool>(&s)) {
    // The invariant's derivative after the amount; where it has none (balances beyond its exact
    // product), a forward difference over a millionth of the pool's balance of the input coin.
    auto after = after_selling(s, leg, amount);
    if (!after) return std::nullopt;
    const auto& pool = std::get<CurveStableSwapPool>(*after);
    if (auto exact = curve::marginal_rate(pool, leg.in, leg.out)) return exact;
    Int h = c->balances[leg.in] / 1000000;
    if (h < 1) h = 1;
    auto dy = curve::get_dy(pool, leg.in, leg.out, h);
    if (!dy) return std::nullopt;
    return Frac{*dy, h};
  }
  return std::nullopt;
}

// The largest amount within the cap whose marginal rate after it is still at least λ, by
// bisection on the exact simulation (any venue with a curve).
Int amount_at_by_search(const Leg& leg, const Frac& lambda) {
  auto at_least = [&](const Int& a) {
    auto m = leg_marginal(leg, a);
    return m && compare(*m, lambda) >= 0;
  };
  if (!at_least(0)) return 0;
  if (at_least(leg.cap)) return leg.cap;
  Int lo = 0, hi = leg.cap;  // lo passes, hi fails
  while (hi - lo > 1) {
    const Int mid = (lo + hi) / 2;
    if (at_least(mid)) lo = mid; else hi = mid;
  }
  return lo;
}

// The same, for a v3 pool: the pool's own swap to the price at which the marginal rate is λ,
// with the cap as the amount; the price is kept within the pool's tick window.
std::optional<Int> amount_at_v3(const Leg& leg, const UniswapV3Pool& pool, const Frac& lambda) {
  const bool zero_for_one = leg.in == 0;
  const Int q192 = Int(1) << 192;
  const Int keep = 1000000 - pool.fee_pips;
  Int target;
  if (zero_for_one) {  // (1 − fee)·P ≥ λ  ⇔  √P ≥ √(λ · 2^192 · 10^6 / keep)
    target = ceil_sqrt((lambda.num * q192 * 1000000 + lambda.den * keep - 1) / (lambda.den * keep));
    Int floor_price = uniswap_v3::min_sqrt_ratio() + 1;
    if (pool.window_lower > uniswap_v3::kMinTick)
      floor_price = std::max(floor_price, uniswap_v3::sqrt_ratio_at_tick(pool.window_lower));
    target = std::max(target, floor_price);
    if (target >= pool.sqrt_price_x96) return Int(0);
  } else {  // (1 − fee) / P ≥ λ  ⇔  √P ≤ √(keep · 2^192 / (10^6 · λ))
    if (lambda.num == 0) return std::nullopt;
    target = isqrt(keep * q192 * lambda.den / (lambda.num * 1000000));
    Int ceiling = uniswap_v3::max_sqrt_ratio() - 1;
    if (pool.window_upper < uniswap_v3::kMaxTick)
      ceiling = std::min(ceiling, uniswap_v3::sqrt_ratio_at_tick(pool.window_upper));
    target = std::min(target, ceiling);
    if (target <= pool.sqrt_price_x96) return Int(0);
  }
  if (leg.cap == 0) return Int(0);
  UniswapV3Pool copy = pool;
  const auto r = uniswap_v3::swap(copy, zero_for_one, leg.cap, target);
  if (!r.ok) return std::nullopt;
  return zero_for_one ? r.amount0 : r.amount1;
}

Int amount_at(const Leg& leg, const Frac& lambda) {
  if (const auto* p = std::get_if<UniswapV2Pool>(leg.state)) {
    // Closed form: f'(Δ) ≥ λ  ⇔  10000·x + g·Δ ≤ √(g·10000·x·y / λ).
    const Int& x = leg.in == 0 ? p->reserve0 : p->reserve1;
    const Int& y = leg.in == 0 ? p->reserve1 : p->reserve0;
    if (lambda.num == 0) return leg.cap;
    const Int g = 10000 - p->fee_bps;
    const Int root = isqrt(g * 10000 * x * y * lambda.den / lambda.num);
    if (root <= 10000 * x) return 0;
    return std::min<Int>(leg.cap, (root - 10000 * x) / g);
  }
  if (const auto* p = std::get_if<UniswapV3Pool>(leg.state)) {
    if (lambda.num == 0) return leg.cap;
    if (auto a = amount_at_v3(leg, *p, lambda)) return *a;
  }
  return amount_at_by_search(leg, lambda);
}

struct Sums {
  std::vector<Int> amounts;
  Int total = 0;
};

Sums amounts_at(const std::vector<Leg>& legs, const Frac& lambda) {
  Sums s;
  for (const Leg& l : legs) {
    s.amounts.push_back(amount_at(l, lambda));
    s.total += s.amounts.back();
  }
  return s;
}

// λ(k) = top · k / 2^(kScale + kSteps): a fixed-point fraction of the best rate `top`.
struct RateScale {
  Int top_fixed, den;
  explicit RateScale(const Frac& top)
      : top_fixed(top.num * (Int(1) << kScale) / top.den + 1), den(Int(1) << (kScale + kSteps)) {}
  Frac operator()(const Int& k) const { return Frac{top_fixed * k, den}; }
};

// A bracket of the rate bisection: at k = lo the legs take at least the target, at hi less.
struct Bracket {
  Int lo, hi;
  Sums at_lo, at_hi;
};

// Bisects k in [0, 2^kSteps] (λ falls with k, what the legs take grows) until the totals at the
// bracket's ends are within `close_enough` of each other, lo's total is the target, or the
// bracket is one step wide: at most kSteps rounds.
template <class At>
Bracket bisect_rate(const At& at, const Int& target, const Int& close_enough) {
  Bracket b{Int(0), Int(1) << kSteps, at(Int(0)), at(Int(1) << kSteps)};
  while (b.hi - b.lo > 1 && b.at_lo.total != target && b.at_lo.total - b.at_hi.total > close_enough) {
    const Int mid = (b.lo + b.hi) / 2;
    Sums s = at(mid);
    if (s.total >= target) {
      b.lo = mid;
      b.at_lo = std::move(s);
    } else {
      b.hi = mid;
      b.at_hi = std::move(s);
    }
  }
  return b;
}

// The leg of candidate `c` selling `sell` for `buy` on its venue's state in `m`, its cap at most
// `limit`, and its marginal rate before any amount; nullopt for a venue with no rate.
std::optional<std::pair<Leg, Frac>> make_leg(const Treasury& t, const MarketState& m, std::size_t sell,
                                             std::size_t buy, const Candidate& c, const Int& limit) {
  const VenueState& state = m.venues[c.venue];
  if (c.cap <= 0 || !has_curve(state)) return std::nullopt;
  SwapAction s;
  s.venue = c.venue;
  s.sell = sell;
  s.buy = buy;
  const PoolQuote q = quote_pool(t, s, state);
  Leg leg{c.venue, q.in, q.out, std::min(c.cap, limit), &state};
  auto m0 = leg_marginal(leg, 0);
  if (!m0 || m0->num <= 0) return std::nullopt;
  return std::make_pair(leg, *m0);
}

// Simulates the amounts on each leg's venue: the split, or nullopt when a leg cannot execute.
std::optional<Split> simulate(const std::vector<Leg>& legs, const std::vector<Int>& amounts) {
  Split s;
  for (std::size_t i = 0; i < legs.size(); ++i) {
    if (amounts[i] == 0) continue;
    auto out = amount_out(legs[i], amounts[i]);
    if (!out) return std::nullopt;
    auto m = leg_marginal(legs[i], amounts[i]);
    s.legs.push_back({legs[i].venue, amounts[i], *out, m ? *m : Frac{0, 1}});
    s.amount_in += amounts[i];
    s.amount_out += *out;
  }
  return s;
}

// The best split of `total` on a grid of kGridParts equal parts within the caps, by dynamic
// programming over the legs (1inch OneSplit's method, the production routers' 5 % grid): the
// amounts, or nullopt when no grid split sells all of `total`. The split the rates give is
// compared with it, so that a plan is never worse than the grid a router would search (both
// are within rounding of each other where the optimum lies on a grid point).
std::optional<std::vector<Int>> grid_split(const std::vector<Leg>& legs, const Int& total) {
  constexpr int kGridParts = 20;
  const std::size_t n = legs.size(), parts = kGridParts + 1;
  // best[j]: the most the legs so far give for j parts; choice[i][j]: the parts leg i takes.
  std::vector<Int> best(parts, Int(-1));
  best[0] = 0;
  std::vector<std::vector<std::size_t>> choice(n, std::vector<std::size_t>(parts, 0));
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<Int> out(parts, Int(-1));
    out[0] = 0;
    for (std::size_t k = 1; k < parts; ++k) {
      const Int a = total * static_cast<long long>(k) / kGridParts;
      if (a > legs[i].cap) break;
      if (auto o = amount_out(legs[i], a)) out[k] = *o; else break;
    }
    std::vector<Int> next = best;
    for (std::size_t j = 1; j < parts; ++j)
      for (std::size_t k = 1; k <= j; ++k)
        if (best[j - k] >= 0 && out[k] >= 0 && best[j - k] + out[k] > next[j]) {
          next[j] = best[j - k] + out[k];
          choice[i][j] = k;
        }
    best = std::move(next);
  }
  if (best[kGridParts] < 0) return std::nullopt;
  std::vector<Int> amounts(n, Int(0));
  Int used = 0;
  for (std::size_t i = n, j = kGridParts; i-- > 0;) {
    amounts[i] = total * static_cast<long long>(choice[i][j]) / kGridParts;
    used += amounts[i];
    j -= choice[i][j];
  }
  // the parts' rounding (a total below kGridParts units) to the first leg with room
  for (std::size_t i = 0; i < n && used < total; ++i) {
    const Int more = std::min<Int>(total - used, legs[i].cap - amounts[i]);
    amounts[i] += more;
    used += more;
  }
  if (used != total) return std::nullopt;
  return amounts;
}

}  // namespace

Split split_trade(const Treasury& t, const MarketState& m, std::size_t sell, std::size_t buy, const Int& amount,
                  const std::vector<Candidate>& venues) {
  std::vector<Leg> legs;
  Frac top{0, 1};
  Int capacity = 0;
  for (const Candidate& c : venues) {
    auto leg = make_leg(t, m, sell, buy, c, amount);
    if (!leg) continue;
    if (compare(top, leg->second) < 0) top = leg->second;
    capacity += leg->first.cap;
    legs.push_back(leg->first);
  }
  Split best;
  if (legs.empty() || amount <= 0) return best;
  const Int total = std::min(amount, capacity);

  std::vector<Int> amounts;
  Frac common{0, 1};
  if (total == capacity) {
    for (const Leg& l : legs) amounts.push_back(l.cap);
  } else {
    // from k = 0 (every cap: more than enough) up to just above the best rate (nothing)
    const RateScale lambda(top);
    const Bracket b = bisect_rate([&](const Int& k) { return amounts_at(legs, lambda(k)); }, total,
                                  std::max<Int>(Int(legs.size()), total >> 40));
    if (b.at_lo.total == total) {
      amounts = b.at_lo.amounts;
      common = lambda(b.lo);
    } else {
      // Every leg at its amount for the higher rate, and the rest to the legs that take more at
      // the lower one, in order.
      amounts = b.at_hi.amounts;
      Int rest = total - b.at_hi.total;
      for (std::size_t i = 0; i < legs.size() && rest > 0; ++i) {
        const Int more = std::min(rest, b.at_lo.amounts[i] - b.at_hi.amounts[i]);
        amounts[i] += more;
        rest -= more;
      }
      common = lambda(b.hi);
    }
  }
  if (auto split = simulate(legs, amounts)) {
    best = std::move(*split);
    best.marginal = common;
  }
  // Never worse than the best 5 % grid split, one venue alone included.
  if (legs.size() > 1) {
    auto grid = grid_split(legs, total);
    auto split = grid ? simulate(legs, *grid) : std::nullopt;
    if (split && (best.legs.empty() || split->amount_out > best.amount_out)) {
      best = std::move(*split);
      best.marginal = best.legs.size() == 1 ? best.legs.front().marginal : common;
    }
  }
  if (total == capacity && !best.legs.empty() && best.legs.size() > 1) {
    best.marginal = best.legs.front().marginal;  // every leg at its cap: the lowest of their rates
    for (const auto& l : best.legs)
      if (compare(l.marginal, best.marginal) < 0) best.marginal = l.marginal;
  }
  return best;
}

namespace {

// A leg of a trade over several pairs: its pair, its seller (an index into the distinct sold
// assets), and the factor from a rate in value to its rate in base units (buy units per sell unit
// = value rate × sell price·10^buy decimals / (buy price·10^sell decimals)).
struct PairLeg {
  Leg leg;
  std::size_t pair = 0, seller = 0;
  Frac to_units;
  // What the leg takes before its marginal rate falls to `value_rate`.
  Int take(const Frac& value_rate) const {
    return amount_at(leg, Frac{value_rate.num * to_units.num, value_rate.den * to_units.den});
  }
};

// What every leg takes at value rate λ(max(k, its seller's floor)), and their total value.
Sums value_at(const Treasury& t, const std::vector<PairLeg>& legs, const std::vector<std::size_t>& sellers,
              const RateScale& lambda, const Int& k, const std::vector<Int>& floors) {
  Sums s;
  std::vector<Int> sold(sellers.size(), Int(0));
  for (const PairLeg& l : legs) {
    s.amounts.push_back(l.take(lambda(std::max(k, floors[l.seller]))));
    sold[l.seller] += s.amounts.back();
  }
  for (std::size_t j = 0; j < sellers.size(); ++j) {
    const Asset& a = t.assets[sellers[j]];
    s.total += asset_value(sold[j], a.price, a.decimals);
  }
  return s;
}

}  // namespace

std::vector<Int> share_value(const Treasury& t, const MarketState& m, const std::vector<TradePair>& pairs,
                             const std::vector<Int>& limits, const Int& value) {
  std::vector<Int> out(pairs.size(), Int(0));
  std::vector<PairLeg> legs;
  std::vector<std::size_t> sellers;  // the distinct sold assets, in order of first appearance
  Frac top{0, 1};
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    const Asset &a = t.assets[pairs[p].sell], &b = t.assets[pairs[p].buy];
    if (a.price <= 0 || b.price <= 0 || limits[pairs[p].sell] <= 0) continue;
    const Frac to_units{a.price * pow10(b.decimals), b.price * pow10(a.decimals)};
    for (const Candidate& c : pairs[p].venues) {
      auto leg = make_leg(t, m, pairs[p].sell, pairs[p].buy, c, limits[pairs[p].sell]);
      if (!leg) continue;
      const Frac rate{leg->second.num * to_units.den, leg->second.den * to_units.num};  // in value
      if (compare(top, rate) < 0) top = rate;
      const auto seller = static_cast<std::size_t>(std::find(sellers.begin(), sellers.end(), pairs[p].sell) - sellers.begin());
      if (seller == sellers.size()) sellers.push_back(pairs[p].sell);
      legs.push_back({leg->first, p, seller, to_units});
    }
  }
  if (legs.empty() || value <= 0) return out;
  const RateScale lambda(top);
  // A seller whose legs would take more than its limit has a rate of its own: the least k at which
  // they take no more than the limit (the limit's multiplier in the optimality conditions).
  std::vector<Int> floors(sellers.size(), Int(0));
  for (std::size_t j = 0; j < sellers.size(); ++j) {
    const Int& limit = limits[sellers[j]];
    auto taken = [&](const Int& k) {  // in the seller's base units
      Sums s;
      const Frac v = lambda(k);
      for (const PairLeg& l : legs) {
        s.amounts.push_back(l.seller == j ? l.take(v) : Int(0));
        s.total += s.amounts.back();
      }
      return s;
    };
    if (taken(Int(0)).total <= limit) continue;
    const Bracket b = bisect_rate(taken, limit, std::max<Int>(Int(legs.size()), limit >> 24));
    floors[j] = b.at_lo.total == limit ? b.lo : b.hi;
  }
  // The common rate in value: every leg at its amount for the higher rate, the rest of the value
  // to the legs that take more at the lower one, in order.
  auto at = [&](const Int& k) { return value_at(t, legs, sellers, lambda, k, floors); };
  Sums all = at(Int(0));
  std::vector<Int> amounts = all.amounts;
  if (all.total > value) {
    const Bracket b = bisect_rate(at, value, std::max<Int>(Int(1), value >> 24));
    amounts = b.at_hi.amounts;
    Int rest = value - b.at_hi.total;
    for (std::size_t i = 0; i < legs.size() && rest > 0; ++i) {
      const Asset& a = t.assets[sellers[legs[i].seller]];
      const Int units = (rest * pow10(a.decimals) + a.price - 1) / a.price;  // ceil
      const Int more = std::min(units, b.at_lo.amounts[i] - b.at_hi.amounts[i]);
      amounts[i] += more;
      rest -= std::min(rest, asset_value(more, a.price, a.decimals));
    }
  }
  for (std::size_t i = 0; i < legs.size(); ++i) out[legs[i].pair] += amounts[i];
  return out;
}

}  // namespace ballast
