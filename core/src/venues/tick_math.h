// TickMath (v3-core's libraries/TickMath.sol) on the contracts' words, private to the venue code
// (uniswap_v3.cpp): the price at a tick and the tick at a price.
#pragma once

#include "ballast/venues/uniswap_v3.h"
#include "ballast/wide.h"

namespace ballast::uniswap_v3::tick_math {

// TickMath.MIN_SQRT_RATIO and MAX_SQRT_RATIO (1461446703485210103287273052203988822378723970342).
inline constexpr U256 kMinSqrt = U256::of(4295128739ull);
inline constexpr U256 kMaxSqrt = U256::of(0x5d951d5263988d26ull, 0xefd1fc6a50648849ull, 0xfffd8963ull);

/// TickMath.getSqrtRatioAtTick for a tick in [kMinTick, kMaxTick] (memoized per thread).
const U256& sqrt_at(int tick);
/// TickMath.getTickAtSqrtRatio: kMinTick below MIN_SQRT_RATIO, kMaxTick from MAX_SQRT_RATIO on.
int tick_at(const U256& sqrt_price_x96);

}  // namespace ballast::uniswap_v3::tick_math
