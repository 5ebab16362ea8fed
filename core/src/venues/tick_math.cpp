// TickMath on U256 (tick_math.h): the contract's constants and steps, results equal to the 1,024-bit
// oracle's (tests/oracle) on every tick and at the domain's edges.
#include "tick_math.h"

#include "memo.h"

#include <vector>

namespace ballast::uniswap_v3::tick_math {

namespace {

constexpr U256 kTwo128 = U256::pow2(128);
constexpr U256 kMaxU256 = U256::max();

// TickMath.getSqrtRatioAtTick: the product of the bits' factors in Q128.128, inverted for a
// positive tick, rounded up to Q64.96.
U256 compute_sqrt_ratio_at_tick(int tick) {
  static const char* const factors[] = {
      "0xfff97272373d413259a46990580e213a", "0xfff2e50f5f656932ef12357cf3c7fdcc", "0xffe5caca7e10e4e61c3624eaa0941cd0",
      "0xffcb9843d60f6159c9db58835c926644", "0xff973b41fa98c081472e6896dfb254c0", "0xff2ea16466c96a3843ec78b326b52861",
      "0xfe5dee046a99a2a811c461f1969c3053", "0xfcbe86c7900a88aedcffc83b479aa3a4", "0xf987a7253ac413176f2b074cf7815e54",
      "0xf3392b0822b70005940c7a398e4b70f3", "0xe7159475a2c29b7443b29c7fa6e889d9", "0xd097f3bdfd2022b8845ad8f792aa5825",
      "0xa9f746462d870fdf8a65dc1f90e061e5", "0x70d869a156d2a1b890bb3df62baf32f7", "0x31be135f97d08fd981231505542fcfa6",
      "0x9aa508b5b7a84e1c677de54f3e99bc9",  "0x5d6af8dedb81196699c329225ee604",   "0x2216e584f5fa1ea926041bedfe98",
      "0x48a170391f7dc42444e8fa2"};
  static const std::vector<U256> f = [] {
    std::vector<U256> v;
    for (const char* s : factors) v.push_back(*to_wide<4>(Int(s)));
    return v;
  }();
  static const U256 odd = *to_wide<4>(Int("0xfffcb933bd6fad37aa2d162d1a594001"));
  const unsigned abs_tick = static_cast<unsigned>(tick < 0 ? -tick : tick);
  U256 ratio = (abs_tick & 1) ? odd : kTwo128;
  for (unsigned bit = 1; bit < 20; ++bit)
    if (abs_tick & (1u << bit)) ratio = (ratio * f[bit - 1]) >> 128;  // both below 2^129: no wrap
  if (tick > 0) ratio = kMaxU256 / ratio;
  const bool round_up = (ratio.w[0] & 0xffffffffu) != 0;
  ratio = ratio >> 32;
  if (round_up) ratio = ratio + U256(1);
  return ratio;
}

}  // namespace

// A swap asks for the same few ticks again and again (every step, every probe of a search): a
// per-thread direct-mapped memo of this pure function.
const U256& sqrt_at(int tick) {
  thread_local venue_memo::DirectMemo<int, U256, 1024> memo;
  return memo.get(static_cast<unsigned>(tick), tick, [tick] { return compute_sqrt_ratio_at_tick(tick); });
}

int tick_at(const U256& sqrt_price_x96) {
  // TickMath.getTickAtSqrtRatio: log2 of the price by the most significant bit and 14 rounds of
  // squaring, scaled to log base sqrt(1.0001), then the tickLow/tickHi check. int256 values in
  // two's complement.
  if (sqrt_price_x96 < kMinSqrt) return kMinTick;  // outside the contract's domain
  if (sqrt_price_x96 >= kMaxSqrt) return kMaxTick;
  static const U256 log_factor = *to_wide<4>(Int("255738958999603826347141"));
  static const U256 low_offset = *to_wide<4>(Int("3402992956809132418596140100660247210"));
  static const U256 high_offset = *to_wide<4>(Int("291339464771989622907027621153398088495"));
  const U256 ratio = sqrt_price_x96 << 32;
  const unsigned msb = ratio.bits() - 1;
  U256 r = msb >= 128 ? ratio >> (msb - 127) : ratio << (127 - msb);
  U256 log_2 = (U256(msb) - U256(128)) << 64;  // wraps to the two's complement of a negative value
  for (int bit = 63; bit >= 50; --bit) {
    r = (r * r) >> 127;
    const unsigned f = static_cast<unsigned>((r >> 128).w[0]);
    if (f) log_2 = log_2 + (U256(1) << static_cast<unsigned>(bit));
    r = r >> f;
  }
  const U256 log_sqrt10001 = log_2 * log_factor;
  auto low_int = [](const U256& v) { return static_cast<int>(static_cast<std::int64_t>(v.w[0])); };
  const int tick_low = low_int(sar(log_sqrt10001 - low_offset, 128));
  const int tick_high = low_int(sar(log_sqrt10001 + high_offset, 128));
  if (tick_low == tick_high) return tick_low;
  return sqrt_at(tick_high) <= sqrt_price_x96 ? tick_high : tick_low;
}

}  // namespace ballast::uniswap_v3::tick_math
