// The test oracle for the core's Uniswap v3 math: the same functions, computed on 1,024-bit `Int`
// with no intermediate able to overflow (the core's implementation before its fixed-width
// integers). Results and failures must be identical to ballast::uniswap_v3's.
#pragma once

#include "ballast/venues/uniswap_v3.h"

namespace ballast::oracle::v3 {

using uniswap_v3::Step;
using uniswap_v3::SwapOutcome;

const Int& min_sqrt_ratio();
const Int& max_sqrt_ratio();
Int sqrt_ratio_at_tick(int tick);
int tick_at_sqrt_ratio(const Int& sqrt_price_x96);
std::optional<Int> mul_div(const Int& a, const Int& b, const Int& denominator);
std::optional<Int> mul_div_rounding_up(const Int& a, const Int& b, const Int& denominator);
std::optional<Int> amount0_delta(Int sqrt_a, Int sqrt_b, const Int& liquidity, bool round_up);
std::optional<Int> amount1_delta(Int sqrt_a, Int sqrt_b, const Int& liquidity, bool round_up);
std::optional<Int> next_sqrt_price_from_input(const Int& sqrt_p, const Int& liquidity, const Int& amount_in,
                                              bool zero_for_one);
std::optional<Int> next_sqrt_price_from_output(const Int& sqrt_p, const Int& liquidity, const Int& amount_out,
                                               bool zero_for_one);
std::optional<Step> compute_swap_step(const Int& sqrt_current, const Int& sqrt_target, const Int& liquidity,
                                      const Int& amount_remaining, long long fee_pips);
SwapOutcome swap(UniswapV3Pool& pool, bool zero_for_one, const Int& amount_specified, Int sqrt_price_limit = 0);

}  // namespace ballast::oracle::v3
