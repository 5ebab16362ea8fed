// Dispatch of the venue operations over the venue kinds.
#include "ballast/venues.h"

namespace ballast {

namespace {

template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

SwapResult fail(std::string why) {
  SwapResult r;
  r.failure = std::move(why);
  return r;
}

SwapResult swap_v2(UniswapV2Pool& p, const SwapRequest& rq) {
  Int& r_in = rq.in == 0 ? p.reserve0 : p.reserve1;
  Int& r_out = rq.in == 0 ? p.reserve1 : p.reserve0;
  SwapResult r;
  if (rq.exact_in) {
    if (rq.amount <= 0) return fail("UniswapV2: INSUFFICIENT_INPUT_AMOUNT (amount_in is 0)");
    auto out = uniswap_v2::get_amount_out(rq.amount, r_in, r_out, p.fee_bps);
    if (!out) return fail("UniswapV2: INSUFFICIENT_LIQUIDITY (a reserve is 0)");
    if (*out <= 0) return fail("UniswapV2: INSUFFICIENT_OUTPUT_AMOUNT (the input buys nothing)");
    r.amount_in = rq.amount;
    r.amount_out = *out;
  } else {
    if (rq.amount <= 0) return fail("UniswapV2: INSUFFICIENT_OUTPUT_AMOUNT (amount_out is 0)");
    if (rq.amount >= r_out)
      return fail("UniswapV2: INSUFFICIENT_LIQUIDITY (amount_out " + to_string(rq.amount) +
                  " is not below the reserve " + to_string(r_out) + ")");
    auto in = uniswap_v2::get_amount_in(rq.amount, r_in, r_out, p.fee_bps);
    if (!in) return fail("UniswapV2: INSUFFICIENT_LIQUIDITY (a reserve is 0)");
    r.amount_in = *in;
    r.amount_out = rq.amount;
  }
  if (r_in + r.amount_in > uniswap_v2::max_reserve())
    return fail("UniswapV2: OVERFLOW (the input reserve would exceed uint112)");
  r_in += r.amount_in;
  r_out -= r.amount_out;
  r.ok = true;
  return r;
}

SwapResult swap_v3(UniswapV3Pool& p, const SwapRequest& rq) {
  const bool zero_for_one = rq.in == 0;
  if (rq.amount <= 0) return fail("UniswapV3Pool: AS (the amount is 0)");
  UniswapV3Pool work = p;  // committed only when the whole amount fills
  auto o = uniswap_v3::swap(work, zero_for_one, rq.exact_in ? rq.amount : Int(-rq.amount));
  if (!o.ok) return fail(o.failure);
  const Int& delta_in = zero_for_one ? o.amount0 : o.amount1;
  const Int& delta_out = zero_for_one ? o.amount1 : o.amount0;
  SwapResult r;
  r.amount_in = delta_in;
  r.amount_out = -delta_out;
  if (rq.exact_in && r.amount_in != rq.amount)
    return fail("the pool cannot fill: only " + to_string(r.amount_in) + " of " + to_string(rq.amount) +
                " is swapped before the price limit");
  if (!rq.exact_in && r.amount_out != rq.amount)
    return fail("the pool cannot fill: only " + to_string(r.amount_out) + " of " + to_string(rq.amount) +
                " can be bought before the price limit");
  // An output that rounds to 0 is what the pool pays: the swap executes and buys nothing.
  p = std::move(work);
  r.ok = true;
  return r;
}

SwapResult swap_curve(CurveStableSwapPool& p, const SwapRequest& rq) {
  if (rq.amount <= 0) return fail("the amount is 0");
  Int dx = rq.amount;
  if (!rq.exact_in) {
    auto need = curve::dx_for_dy(p, rq.in, rq.out, rq.amount);
    if (!need) return fail("the pool cannot pay " + to_string(rq.amount) + " out");
    dx = *need;
  }
  CurveStableSwapPool work = p;
  auto dy = curve::exchange(work, rq.in, rq.out, dx);
  if (!dy) return fail("the StableSwap math reverts (no convergence, or the pool cannot pay)");
  // dy may be 0 (the output rounds to nothing): exchange() executes and pays nothing.
  p = std::move(work);
  SwapResult r;
  r.ok = true;
  r.amount_in = dx;
  r.amount_out = *dy;
  return r;
}

SwapResult swap_limit_order(const SwapRequest& rq) {
  if (!rq.bound) return fail("a limit order needs its bound (min_amount_out or max_amount_in)");
  SwapResult r;
  r.amount_in = rq.exact_in ? rq.amount : *rq.bound;
  r.amount_out = rq.exact_in ? *rq.bound : rq.amount;
  if (r.amount_in <= 0 || r.amount_out <= 0) return fail("a limit order must sell and buy a positive amount");
  r.ok = true;
  return r;
}

}  // namespace

SwapResult swap(VenueState& state, const SwapRequest& request) {
  return std::visit(overloaded{[&](LimitOrderVenue&) { return swap_limit_order(request); },
                               [&](UniswapV2Pool& p) { return swap_v2(p, request); },
                               [&](UniswapV3Pool& p) { return swap_v3(p, request); },
                               [&](CurveStableSwapPool& p) { return swap_curve(p, request); }},
                    state);
}

std::optional<Frac> mid_rate(const VenueState& state, std::size_t in, std::size_t out) {
  return std::visit(overloaded{[&](const LimitOrderVenue&) -> std::optional<Frac> { return std::nullopt; },
                               [&](const UniswapV2Pool& p) -> std::optional<Frac> {
                                 const Int& r_in = in == 0 ? p.reserve0 : p.reserve1;
                                 const Int& r_out = in == 0 ? p.reserve1 : p.reserve0;
                                 if (r_in == 0) return std::nullopt;
                                 return Frac{r_out, r_in};
                               },
                               [&](const UniswapV3Pool& p) -> std::optional<Frac> {
                                 // price of token0 in token1 = sqrtP^2 / 2^192
                                 Int p2 = p.sqrt_price_x96 * p.sqrt_price_x96;
                                 Int q192 = Int(1) << 192;
                                 return in == 0 ? Frac{p2, q192} : Frac{q192, p2};
                               },
                               [&](const CurveStableSwapPool& p) -> std::optional<Frac> {
                                 // get_dy of max(1, balance_i / 10^6), without the fee, over that amount
                                 Int dx = p.balances[in] / 1000000;
                                 if (dx < 1) dx = 1;
                                 auto dy = curve::get_dy_no_fee(p, in, out, dx);
                                 if (!dy || *dy <= 0) return std::nullopt;
                                 return Frac{*dy, dx};
                               }},
                    state);
}

Frac fee_fraction(const VenueState& state) {
  return std::visit(overloaded{[](const LimitOrderVenue&) { return Frac{0, 1}; },
                               [](const UniswapV2Pool& p) { return Frac{p.fee_bps, 10000}; },
                               [](const UniswapV3Pool& p) { return Frac{p.fee_pips, 1000000}; },
                               [](const CurveStableSwapPool& p) { return Frac{p.fee, Int("10000000000")}; }},
                    state);
}

std::optional<Int> reserve_of(const VenueState& state, std::size_t token) {
  return std::visit(overloaded{[](const LimitOrderVenue&) -> std::optional<Int> { return std::nullopt; },
                               [&](const UniswapV2Pool& p) -> std::optional<Int> {
                                 return token == 0 ? p.reserve0 : p.reserve1;
                               },
                               [&](const UniswapV3Pool& p) -> std::optional<Int> {
                                 // the active range's virtual reserves: L*2^96/sqrtP and L*sqrtP/2^96
                                 return token == 0 ? Int((p.liquidity << 96) / p.sqrt_price_x96)
                                                   : Int((p.liquidity * p.sqrt_price_x96) >> 96);
                               },
                               [&](const CurveStableSwapPool& p) -> std::optional<Int> { return p.balances[token]; }},
                    state);
}

bool has_curve(const VenueState& state) { return !std::holds_alternative<LimitOrderVenue>(state); }

}  // namespace ballast
