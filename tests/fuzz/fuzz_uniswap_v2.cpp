// Fuzz harness: the Uniswap v2 simulator on random reserves (within uint112), fees and amounts.
// Invariants: no crash; the output stays below the output reserve; the output is monotone in the
// input; the exact-output input buys at least the output asked for; the constant product never
// falls; selling the proceeds back never returns more than was sold.
#include "ballast/venues.h"
#include "fuzz_input.h"

#include <cstdint>

using namespace ballast;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Input in(data, size);
  UniswapV2Pool pool;
  pool.reserve0 = in.amount(112) - (in.range(0, 3) == 0 ? 1 : 0);  // zero reserves now and then
  pool.reserve1 = in.amount(112);
  pool.fee_bps = in.range(0, 9999);
  const bool zero_for_one = in.range(0, 1) == 1;
  const Int a = in.amount(120), d = in.amount(100);
  const Int& r_in = zero_for_one ? pool.reserve0 : pool.reserve1;
  const Int& r_out = zero_for_one ? pool.reserve1 : pool.reserve0;

  const auto out = uniswap_v2::get_amount_out(a, r_in, r_out, pool.fee_bps);
  if (out) {
    BALLAST_FUZZ_CHECK(*out >= 0 && *out < r_out);
    const auto more = uniswap_v2::get_amount_out(a + d, r_in, r_out, pool.fee_bps);
    BALLAST_FUZZ_CHECK(more && *more >= *out);
  }
  const Int want = r_out > 0 ? Int(a % r_out) : Int(0);
  if (const auto need = uniswap_v2::get_amount_in(want, r_in, r_out, pool.fee_bps)) {
    const auto got = uniswap_v2::get_amount_out(*need, r_in, r_out, pool.fee_bps);
    BALLAST_FUZZ_CHECK(got && *got >= want);
  }

  // Through the venue layer, with the state update and a round trip.
  VenueState state = pool;
  SwapRequest sell{zero_for_one ? 0u : 1u, zero_for_one ? 1u : 0u, true, a, std::nullopt};
  const SwapResult first = swap(state, sell);
  if (!first.ok) return 0;
  const auto& after = std::get<UniswapV2Pool>(state);
  BALLAST_FUZZ_CHECK(after.reserve0 * after.reserve1 >= pool.reserve0 * pool.reserve1);
  if (first.amount_out == 0) return 0;
  SwapRequest back{sell.out, sell.in, true, first.amount_out, std::nullopt};
  const SwapResult second = swap(state, back);
  if (second.ok) BALLAST_FUZZ_CHECK(second.amount_out <= a);
  return 0;
}
