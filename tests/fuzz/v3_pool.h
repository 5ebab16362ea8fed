// A random Uniswap v3 pool from a fuzzer's bytes: tick spacing, fee, a price inside a random tick,
// liquidity, initialized ticks with signed liquidityNet around the price (often a position that
// covers it), and the parser's default window. Shared by the v3 harness and the integer
// differential (which asks for `wide` values: liquidity and nets up to the contract's int128).
#pragma once

#include "ballast/venues.h"
#include "fuzz_input.h"

#include <algorithm>
#include <memory>
#include <vector>

namespace ballast::fuzz {

/// The pool; `*start_tick` is the tick its price was drawn inside (what getTickAtSqrtRatio must
/// return for it).
inline UniswapV3Pool v3_pool(Input& in, bool wide, int* start_tick) {
  static const int spacings[] = {1, 10, 60, 200};
  UniswapV3Pool pool;
  pool.tick_spacing = in.range(0, 4) == 4 ? static_cast<int>(in.range(1, 16384)) : spacings[in.range(0, 3)];
  pool.fee_pips = in.range(0, 3) == 0 ? in.range(0, 999999) : std::vector<long long>{100, 500, 3000, 10000}[in.range(0, 3)];
  const int start = *start_tick = static_cast<int>(in.range(uniswap_v3::kMinTick + 1, uniswap_v3::kMaxTick - 2));
  const Int low = uniswap_v3::sqrt_ratio_at_tick(start), high = uniswap_v3::sqrt_ratio_at_tick(start + 1);
  pool.sqrt_price_x96 = low + in.bits(20) % (high - low);
  pool.tick = uniswap_v3::tick_at_sqrt_ratio(pool.sqrt_price_x96);
  pool.liquidity = in.range(0, 7) == 0 ? Int(0) : in.amount(wide ? 128 : 110);

  // Initialized ticks: multiples of the spacing around the price, within the tick range.
  const int spacing = pool.tick_spacing;
  const int min_t = -(uniswap_v3::kMaxTick / spacing) * spacing, max_t = (uniswap_v3::kMaxTick / spacing) * spacing;
  std::vector<V3Tick> ticks;
  const long long count = in.range(1, 16);
  for (long long k = 0; k < count; ++k) {
    const long long offset = in.range(-300, 300) * (in.range(0, 3) == 0 ? in.range(1, 3000) : 1);
    long long idx = (static_cast<long long>(start) / spacing + offset) * spacing;
    idx = std::clamp<long long>(idx, min_t, max_t);
    Int net = in.amount(wide ? 127 : 100);
    if (in.range(0, 1)) net = -net;
    ticks.push_back(V3Tick{static_cast<int>(idx), net});
  }
  // Often a position around the price; otherwise the price may lie outside every listed tick.
  if (in.range(0, 3) != 0) {
    const long long below = (start >= 0 ? start / spacing : -((-static_cast<long long>(start) + spacing - 1) / spacing)) * spacing;
    const long long above = below == start ? below : below + spacing;
    ticks.push_back(V3Tick{static_cast<int>(std::max<long long>(below, min_t)), in.amount(wide ? 127 : 90)});
    ticks.push_back(V3Tick{static_cast<int>(std::min<long long>(above, max_t)), -in.amount(wide ? 127 : 90)});
  }
  std::sort(ticks.begin(), ticks.end(), [](const V3Tick& a, const V3Tick& b) { return a.index < b.index; });
  ticks.erase(std::unique(ticks.begin(), ticks.end(), [](const V3Tick& a, const V3Tick& b) { return a.index == b.index; }),
              ticks.end());
  pool.ticks = std::make_shared<const std::vector<V3Tick>>(ticks);
  // The parser's default window: the listed ticks and the current tick together.
  pool.window_lower = std::min(ticks.front().index, start);
  pool.window_upper = std::max(ticks.back().index, start);

  return pool;
}

}  // namespace ballast::fuzz
