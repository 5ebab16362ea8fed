// Uniswap v3 concentrated-liquidity math, reproducing the v3-core contracts' integer results:
// TickMath, SqrtPriceMath, SwapMath.computeSwapStep, FullMath, LiquidityMath, and the pool's swap
// loop, which also stops at every 256-tick-spacing bitmap word boundary exactly as
// TickBitmap.nextInitializedTickWithinOneWord does. Every `require` of the contracts that these
// inputs can reach is mirrored: a revert is `nullopt` / a failed outcome, never a guess.
#pragma once

#include "ballast/numeric.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ballast {

/// An initialized tick of a v3 pool and its liquidityNet (int128).
struct V3Tick {
  int index = 0;
  Int liquidity_net;
};

namespace uniswap_v3 {
inline constexpr int kMinTick = -887272;
inline constexpr int kMaxTick = 887272;
}  // namespace uniswap_v3

/// Market state of one Uniswap v3 pool. `ticks` lists every initialized tick within the window
/// [window_lower, window_upper] (tick indices); a swap may move the price anywhere inside the
/// window and nowhere outside it, where the liquidity is unknown. The default window is the whole
/// tick range: the list is then the pool's complete tick data. `ticks` is sorted, immutable and
/// shared between copies, so forking the state is cheap.
struct UniswapV3Pool {
  long long fee_pips = 3000;  // hundredths of a bip: 500 = 0.05 %
  int tick_spacing = 60;
  Int sqrt_price_x96;
  int tick = 0;
  Int liquidity;
  std::shared_ptr<const std::vector<V3Tick>> ticks;
  int window_lower = uniswap_v3::kMinTick;
  int window_upper = uniswap_v3::kMaxTick;
};

namespace uniswap_v3 {

/// TickMath.MIN_SQRT_RATIO and MAX_SQRT_RATIO.
const Int& min_sqrt_ratio();
const Int& max_sqrt_ratio();

/// TickMath.getSqrtRatioAtTick; the tick must be within [kMinTick, kMaxTick].
Int sqrt_ratio_at_tick(int tick);
/// TickMath.getTickAtSqrtRatio: the greatest tick whose sqrt ratio is <= the price; the price must
/// be within [MIN_SQRT_RATIO, MAX_SQRT_RATIO).
int tick_at_sqrt_ratio(const Int& sqrt_price_x96);

/// FullMath.mulDiv / mulDivRoundingUp: nullopt where the contract reverts (zero denominator,
/// result not below 2^256).
std::optional<Int> mul_div(const Int& a, const Int& b, const Int& denominator);
std::optional<Int> mul_div_rounding_up(const Int& a, const Int& b, const Int& denominator);

/// SqrtPriceMath.getAmount0Delta / getAmount1Delta (unsigned forms).
std::optional<Int> amount0_delta(Int sqrt_a, Int sqrt_b, const Int& liquidity, bool round_up);
std::optional<Int> amount1_delta(Int sqrt_a, Int sqrt_b, const Int& liquidity, bool round_up);
/// SqrtPriceMath.getNextSqrtPriceFromInput / getNextSqrtPriceFromOutput.
std::optional<Int> next_sqrt_price_from_input(const Int& sqrt_p, const Int& liquidity, const Int& amount_in,
                                              bool zero_for_one);
std::optional<Int> next_sqrt_price_from_output(const Int& sqrt_p, const Int& liquidity, const Int& amount_out,
                                               bool zero_for_one);

/// SwapMath.computeSwapStep's results.
struct Step {
  Int sqrt_next;
  Int amount_in;
  Int amount_out;
  Int fee_amount;
};
/// SwapMath.computeSwapStep; `amount_remaining` > 0 is exact input, < 0 exact output.
std::optional<Step> compute_swap_step(const Int& sqrt_current, const Int& sqrt_target, const Int& liquidity,
                                      const Int& amount_remaining, long long fee_pips);

/// The pool's swap: signed balance deltas of the pool (positive: the pool receives).
struct SwapOutcome {
  bool ok = false;
  std::string failure;
  Int amount0;
  Int amount1;
};

/// UniswapV3Pool.swap with the given price limit (0: the extreme the router uses, MIN+1 or MAX-1).
/// `amount_specified` > 0 is exact input, < 0 exact output. The pool state is updated on
/// success. A step that takes the price outside the pool's tick window fails ("tick data
/// exhausted").
SwapOutcome swap(UniswapV3Pool& pool, bool zero_for_one, const Int& amount_specified, Int sqrt_price_limit = 0);

}  // namespace uniswap_v3
}  // namespace ballast
