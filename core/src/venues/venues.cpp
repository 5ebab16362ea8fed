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
                               [&](UniswapV2Pool& p) { return swap_v2(p, request); }},
                    state);
}

std::optional<Frac> mid_rate(const VenueState& state, std::size_t in, std::size_t out) {
  (void)out;
  return std::visit(overloaded{[&](const LimitOrderVenue&) -> std::optional<Frac> { return std::nullopt; },
                               [&](const UniswapV2Pool& p) -> std::optional<Frac> {
                                 const Int& r_in = in == 0 ? p.reserve0 : p.reserve1;
                                 const Int& r_out = in == 0 ? p.reserve1 : p.reserve0;
                                 if (r_in == 0) return std::nullopt;
                                 return Frac{r_out, r_in};
                               }},
                    state);
}

Frac fee_fraction(const VenueState& state) {
  return std::visit(overloaded{[](const LimitOrderVenue&) { return Frac{0, 1}; },
                               [](const UniswapV2Pool& p) { return Frac{p.fee_bps, 10000}; }},
                    state);
}

std::optional<Int> reserve_of(const VenueState& state, std::size_t token) {
  return std::visit(overloaded{[](const LimitOrderVenue&) -> std::optional<Int> { return std::nullopt; },
                               [&](const UniswapV2Pool& p) -> std::optional<Int> {
                                 return token == 0 ? p.reserve0 : p.reserve1;
                               }},
                    state);
}

bool has_curve(const VenueState& state) { return !std::holds_alternative<LimitOrderVenue>(state); }

}  // namespace ballast
