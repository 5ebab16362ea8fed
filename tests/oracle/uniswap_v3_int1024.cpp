// The 1,024-bit Uniswap v3 math that the core used before its fixed-width integers, kept as the
// test oracle: the differential test and the fuzz harness require the core to agree with it.
// Every intermediate is an exact 1,024-bit Int, so no wrap can hide here.
#include "uniswap_v3_int1024.h"

#include <algorithm>

namespace ballast::oracle::v3 {

using uniswap_v3::kMaxTick;
using uniswap_v3::kMinTick;

namespace {

const Int& q96() {
  static const Int v = Int(1) << 96;
  return v;
}
const Int& two_256() { return two_pow_256(); }
const Int& max_uint256() {
  static const Int v = two_pow_256() - 1;
  return v;
}
const Int& two_160() {
  static const Int v = Int(1) << 160;
  return v;
}
const Int& two_255() {
  static const Int v = Int(1) << 255;
  return v;
}
const Int& two_128() {
  static const Int v = Int(1) << 128;
  return v;
}

// UnsafeMath.divRoundingUp
Int div_rounding_up(const Int& x, const Int& y) { return x / y + (x % y > 0 ? 1 : 0); }

// SafeCast.toInt256
bool fits_int256(const Int& v) { return v < two_255() && v >= -two_255(); }

// Floor division of a possibly negative compressed tick by the spacing (Solidity rounds toward
// zero; TickBitmap then decrements for negative ticks with a remainder).
int compress(int tick, int spacing) {
  int c = tick / spacing;
  if (tick < 0 && tick % spacing != 0) --c;
  return c;
}

}  // namespace

const Int& min_sqrt_ratio() {
  static const Int v("4295128739");
  return v;
}

const Int& max_sqrt_ratio() {
  static const Int v("1461446703485210103287273052203988822378723970342");
  return v;
}

namespace {

// TickMath's uint256 / int256 words: Int holds them (a separate 256-bit type would be faster but
// adds its own arithmetic to the WebAssembly download).
using U256 = Int;
using S256 = Int;

// floor(x / 2^128) for a signed value: Solidity's arithmetic shift.
S256 floor_shift128(const S256& x) {
  if (x >= 0) return x >> 128;
  S256 m = -x;
  S256 q = m >> 128;
  if ((q << 128) != m) q += 1;
  return -q;
}

}  // namespace

namespace {

Int compute_sqrt_ratio_at_tick(int tick) {
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
    for (const char* s : factors) v.emplace_back(s);
    return v;
  }();
  static const U256 odd("0xfffcb933bd6fad37aa2d162d1a594001");
  static const U256 one128 = U256(1) << 128;
  static const U256 max256 = two_pow_256() - 1;
  unsigned abs_tick = static_cast<unsigned>(tick < 0 ? -tick : tick);
  U256 ratio = (abs_tick & 1) ? odd : one128;
  for (unsigned bit = 1; bit < 20; ++bit)
    if (abs_tick & (1u << bit)) ratio = (ratio * f[bit - 1]) >> 128;
  if (tick > 0) ratio = max256 / ratio;
  const bool round_up = (ratio & U256(0xffffffffu)) != 0;
  ratio >>= 32;
  if (round_up) ratio += 1;
  return Int(ratio);
}

}  // namespace

Int sqrt_ratio_at_tick(int tick) { return compute_sqrt_ratio_at_tick(tick); }

int tick_at_sqrt_ratio(const Int& sqrt_price_x96) {
  // TickMath.getTickAtSqrtRatio: log2 of the price by the most significant bit and 14 rounds of
  // squaring, scaled to log base sqrt(1.0001), then the tickLow/tickHi check.
  if (sqrt_price_x96 < min_sqrt_ratio()) return kMinTick;  // outside the contract's domain
  if (sqrt_price_x96 >= max_sqrt_ratio()) return kMaxTick;
  static const S256 log_factor("255738958999603826347141");
  static const S256 low_offset("3402992956809132418596140100660247210");
  static const S256 high_offset("291339464771989622907027621153398088495");
  const U256 ratio = U256(sqrt_price_x96) << 32;
  const unsigned msb = boost::multiprecision::msb(ratio);
  U256 r = msb >= 128 ? U256(ratio >> (msb - 127)) : U256(ratio << (127 - msb));
  S256 log_2 = (S256(static_cast<int>(msb)) - 128) << 64;  // low 64 bits zero: OR is addition
  for (int bit = 63; bit >= 50; --bit) {
    r = (r * r) >> 127;
    const unsigned f = static_cast<unsigned>(r >> 128);
    if (f) log_2 += S256(1) << bit;
    r >>= f;
  }
  const S256 log_sqrt10001 = log_2 * log_factor;
  const int tick_low = static_cast<int>(floor_shift128(log_sqrt10001 - low_offset));
  const int tick_high = static_cast<int>(floor_shift128(log_sqrt10001 + high_offset));
  if (tick_low == tick_high) return tick_low;
  return sqrt_ratio_at_tick(tick_high) <= sqrt_price_x96 ? tick_high : tick_low;
}

std::optional<Int> mul_div(const Int& a, const Int& b, const Int& denominator) {
  if (denominator <= 0) return std::nullopt;
  Int r = a * b / denominator;
  if (r >= two_256()) return std::nullopt;
  return r;
}

std::optional<Int> mul_div_rounding_up(const Int& a, const Int& b, const Int& denominator) {
  auto r = mul_div(a, b, denominator);
  if (!r) return r;
  if ((a * b) % denominator > 0) {
    if (*r >= max_uint256()) return std::nullopt;
    *r += 1;
  }
  return r;
}

std::optional<Int> amount0_delta(Int sqrt_a, Int sqrt_b, const Int& liquidity, bool round_up) {
  if (sqrt_a > sqrt_b) std::swap(sqrt_a, sqrt_b);
  if (sqrt_a <= 0) return std::nullopt;
  Int numerator1 = liquidity << 96;
  Int numerator2 = sqrt_b - sqrt_a;
  if (round_up) {
    auto t = mul_div_rounding_up(numerator1, numerator2, sqrt_b);
    if (!t) return t;
    return div_rounding_up(*t, sqrt_a);
  }
  auto t = mul_div(numerator1, numerator2, sqrt_b);
  if (!t) return t;
  return *t / sqrt_a;
}

std::optional<Int> amount1_delta(Int sqrt_a, Int sqrt_b, const Int& liquidity, bool round_up) {
  if (sqrt_a > sqrt_b) std::swap(sqrt_a, sqrt_b);
  return round_up ? mul_div_rounding_up(liquidity, sqrt_b - sqrt_a, q96()) : mul_div(liquidity, sqrt_b - sqrt_a, q96());
}

namespace {

std::optional<Int> next_from_amount0_rounding_up(const Int& sqrt_p, const Int& liquidity, const Int& amount, bool add) {
  if (amount == 0) return sqrt_p;
  Int numerator1 = liquidity << 96;
  Int product = amount * sqrt_p;
  if (add) {
    // The contract takes the precise path when amount * sqrtP and the denominator fit 256 bits.
    if (product < two_256()) {
      Int denominator = numerator1 + product;
      if (denominator < two_256()) {
        auto r = mul_div_rounding_up(numerator1, sqrt_p, denominator);
        if (!r) return r;
        return *r % two_160();  // uint160(...)
      }
    }
    Int d = numerator1 / sqrt_p + amount;  // SafeMath add
    if (d >= two_256()) return std::nullopt;
    return div_rounding_up(numerator1, d) % two_160();
  }
  if (product >= two_256() || numerator1 <= product) return std::nullopt;
  auto r = mul_div_rounding_up(numerator1, sqrt_p, numerator1 - product);
  if (!r || *r >= two_160()) return std::nullopt;  // toUint160
  return r;
}

std::optional<Int> next_from_amount1_rounding_down(const Int& sqrt_p, const Int& liquidity, const Int& amount, bool add) {
  if (add) {
    auto quotient = mul_div(amount, q96(), liquidity);  // both contract branches give floor(amount * 2^96 / L)
    if (!quotient) return quotient;
    Int r = sqrt_p + *quotient;
    if (r >= two_160()) return std::nullopt;  // SafeMath add, then toUint160
    return r;
  }
  auto quotient = mul_div_rounding_up(amount, q96(), liquidity);
  if (!quotient || sqrt_p <= *quotient) return std::nullopt;
  return sqrt_p - *quotient;
}

}  // namespace

std::optional<Int> next_sqrt_price_from_input(const Int& sqrt_p, const Int& liquidity, const Int& amount_in,
                                              bool zero_for_one) {
  if (sqrt_p <= 0 || liquidity <= 0) return std::nullopt;
  return zero_for_one ? next_from_amount0_rounding_up(sqrt_p, liquidity, amount_in, true)
                      : next_from_amount1_rounding_down(sqrt_p, liquidity, amount_in, true);
}

std::optional<Int> next_sqrt_price_from_output(const Int& sqrt_p, const Int& liquidity, const Int& amount_out,
                                               bool zero_for_one) {
  if (sqrt_p <= 0 || liquidity <= 0) return std::nullopt;
  return zero_for_one ? next_from_amount1_rounding_down(sqrt_p, liquidity, amount_out, false)
                      : next_from_amount0_rounding_up(sqrt_p, liquidity, amount_out, false);
}

std::optional<Step> compute_swap_step(const Int& sqrt_current, const Int& sqrt_target, const Int& liquidity,
                                      const Int& amount_remaining, long long fee_pips) {
  const bool zero_for_one = sqrt_current >= sqrt_target;
  const bool exact_in = amount_remaining >= 0;
  Step s;
  std::optional<Int> amount_in, amount_out;
  if (exact_in) {
    auto less_fee = mul_div(amount_remaining, 1000000 - fee_pips, 1000000);
    if (!less_fee) return std::nullopt;
    amount_in = zero_for_one ? amount0_delta(sqrt_target, sqrt_current, liquidity, true)
                             : amount1_delta(sqrt_current, sqrt_target, liquidity, true);
    if (!amount_in) return std::nullopt;
    if (*less_fee >= *amount_in) {
      s.sqrt_next = sqrt_target;
    } else {
      auto next = next_sqrt_price_from_input(sqrt_current, liquidity, *less_fee, zero_for_one);
      if (!next) return std::nullopt;
      s.sqrt_next = *next;
    }
  } else {
    amount_out = zero_for_one ? amount1_delta(sqrt_target, sqrt_current, liquidity, false)
                              : amount0_delta(sqrt_current, sqrt_target, liquidity, false);
    if (!amount_out) return std::nullopt;
    if (-amount_remaining >= *amount_out) {
      s.sqrt_next = sqrt_target;
    } else {
      auto next = next_sqrt_price_from_output(sqrt_current, liquidity, -amount_remaining, zero_for_one);
      if (!next) return std::nullopt;
      s.sqrt_next = *next;
    }
  }
  const bool max = sqrt_target == s.sqrt_next;
  if (zero_for_one) {
    if (!(max && exact_in)) amount_in = amount0_delta(s.sqrt_next, sqrt_current, liquidity, true);
    if (!(max && !exact_in)) amount_out = amount1_delta(s.sqrt_next, sqrt_current, liquidity, false);
  } else {
    if (!(max && exact_in)) amount_in = amount1_delta(sqrt_current, s.sqrt_next, liquidity, true);
    if (!(max && !exact_in)) amount_out = amount0_delta(sqrt_current, s.sqrt_next, liquidity, false);
  }
  if (!amount_in || !amount_out) return std::nullopt;
  s.amount_in = *amount_in;
  s.amount_out = *amount_out;
  if (!exact_in && s.amount_out > -amount_remaining) s.amount_out = -amount_remaining;
  if (exact_in && s.sqrt_next != sqrt_target) {
    s.fee_amount = amount_remaining - s.amount_in;
  } else {
    auto fee = mul_div_rounding_up(s.amount_in, fee_pips, 1000000 - fee_pips);
    if (!fee) return std::nullopt;
    s.fee_amount = *fee;
  }
  return s;
}

namespace {

struct NextTick {
  int tick;
  bool initialized;
};

// TickBitmap.nextInitializedTickWithinOneWord over the sorted list of initialized ticks.
NextTick next_initialized_tick_within_one_word(const std::vector<V3Tick>& ticks, int tick, int spacing, bool lte) {
  int compressed = compress(tick, spacing);
  auto by_index = [](const V3Tick& t, int v) { return t.index < v; };
  if (lte) {
    int bit_pos = ((compressed % 256) + 256) % 256;
    int word_start = compressed - bit_pos;  // lowest compressed tick of the word
    // The greatest initialized tick with compressed index in [word_start, compressed].
    auto it = std::lower_bound(ticks.begin(), ticks.end(), compressed * spacing + 1, by_index);
    if (it != ticks.begin()) {
      const V3Tick& t = *std::prev(it);
      if (compress(t.index, spacing) >= word_start) return {compress(t.index, spacing) * spacing, true};
    }
    return {word_start * spacing, false};
  }
  int next = compressed + 1;
  int bit_pos = ((next % 256) + 256) % 256;
  int word_end = next + (255 - bit_pos);
  auto it = std::lower_bound(ticks.begin(), ticks.end(), next * spacing, by_index);
  if (it != ticks.end() && compress(it->index, spacing) <= word_end) return {compress(it->index, spacing) * spacing, true};
  return {word_end * spacing, false};
}

const Int& liquidity_net_at(const std::vector<V3Tick>& ticks, int index) {
  auto it = std::lower_bound(ticks.begin(), ticks.end(), index, [](const V3Tick& t, int v) { return t.index < v; });
  return it->liquidity_net;
}

SwapOutcome failed(std::string why) {
  SwapOutcome o;
  o.failure = std::move(why);
  return o;
}

}  // namespace

SwapOutcome swap(UniswapV3Pool& pool, bool zero_for_one, const Int& amount_specified, Int sqrt_price_limit) {
  if (amount_specified == 0) return failed("UniswapV3Pool: AS (the amount is 0)");
  if (!fits_int256(amount_specified)) return failed("UniswapV3Pool: the amount does not fit int256");
  if (sqrt_price_limit == 0) sqrt_price_limit = zero_for_one ? min_sqrt_ratio() + 1 : max_sqrt_ratio() - 1;
  if (zero_for_one ? !(sqrt_price_limit < pool.sqrt_price_x96 && sqrt_price_limit > min_sqrt_ratio())
                   : !(sqrt_price_limit > pool.sqrt_price_x96 && sqrt_price_limit < max_sqrt_ratio()))
    return failed("UniswapV3Pool: SPL (the price is already at its limit)");
  static const std::vector<V3Tick> no_ticks;
  const std::vector<V3Tick>& ticks = pool.ticks ? *pool.ticks : no_ticks;
  // The window of tick data: the price may not leave it.
  const Int window_low = sqrt_ratio_at_tick(std::clamp(pool.window_lower, kMinTick, kMaxTick));
  const Int window_high = sqrt_ratio_at_tick(std::clamp(pool.window_upper, kMinTick, kMaxTick));

  const bool exact_input = amount_specified > 0;
  Int remaining = amount_specified, calculated = 0;
  Int sqrt_price = pool.sqrt_price_x96, liquidity = pool.liquidity;
  int tick = pool.tick;
  while (remaining != 0 && sqrt_price != sqrt_price_limit) {
    Int start = sqrt_price;
    NextTick next = next_initialized_tick_within_one_word(ticks, tick, pool.tick_spacing, zero_for_one);
    next.tick = std::clamp(next.tick, kMinTick, kMaxTick);
    Int sqrt_next = sqrt_ratio_at_tick(next.tick);
    Int target = (zero_for_one ? sqrt_next < sqrt_price_limit : sqrt_next > sqrt_price_limit) ? sqrt_price_limit : sqrt_next;
    auto step = compute_swap_step(sqrt_price, target, liquidity, remaining, pool.fee_pips);
    if (!step) return failed("UniswapV3Pool: a swap step reverts (arithmetic bounds)");
    sqrt_price = step->sqrt_next;
    if (zero_for_one ? sqrt_price < window_low : sqrt_price > window_high)
      return failed("tick data exhausted: the swap moves the price past the tick window's " +
                    std::string(zero_for_one ? "lower" : "upper") + " end (tick " +
                    std::to_string(zero_for_one ? pool.window_lower : pool.window_upper) +
                    "), where the liquidity is unknown");
    Int in_plus_fee = step->amount_in + step->fee_amount;
    if (!fits_int256(in_plus_fee) || !fits_int256(step->amount_out))
      return failed("UniswapV3Pool: an amount does not fit int256");
    if (exact_input) {
      remaining -= in_plus_fee;
      calculated -= step->amount_out;
    } else {
      remaining += step->amount_out;
      calculated += in_plus_fee;
    }
    if (!fits_int256(calculated)) return failed("UniswapV3Pool: the amount does not fit int256");
    if (sqrt_price == sqrt_next) {
      if (next.initialized) {
        Int net = liquidity_net_at(ticks, next.tick);
        if (zero_for_one) net = -net;
        liquidity += net;
        if (liquidity < 0) return failed("UniswapV3Pool: LS (liquidity underflow crossing tick " + std::to_string(next.tick) + ")");
        if (liquidity >= two_128()) return failed("UniswapV3Pool: LA (liquidity overflow crossing tick " + std::to_string(next.tick) + ")");
      }
      tick = zero_for_one ? next.tick - 1 : next.tick;
    } else if (sqrt_price != start) {
      tick = tick_at_sqrt_ratio(sqrt_price);
    }
  }
  SwapOutcome o;
  Int used = amount_specified - remaining;
  if (zero_for_one == exact_input) {
    o.amount0 = used;
    o.amount1 = calculated;
  } else {
    o.amount0 = calculated;
    o.amount1 = used;
  }
  o.ok = true;
  pool.sqrt_price_x96 = sqrt_price;
  pool.tick = tick;
  pool.liquidity = liquidity;
  return o;
}

}  // namespace ballast::oracle::v3
