#include "ballast/venues/uniswap_v3.h"

#include "ballast/wide.h"
#include "memo.h"
#include "tick_math.h"

#include <algorithm>

// The contracts' words: uint256 values as U256, FullMath's 512-bit product as U512, int256 values
// (TickMath's log) in two's complement. Amounts are handled as a magnitude and a direction, as
// SwapMath does (exactIn = amountRemaining >= 0). Every check the 1,024-bit oracle makes
// (tests/oracle) is made here, on the carry or the width, so the results and failures agree.
namespace ballast::uniswap_v3 {

namespace {

constexpr std::uint64_t kPips = 1000000;
constexpr U256 kQ96 = U256::pow2(96);
constexpr U256 kTwo160 = U256::pow2(160);
constexpr U256 kTwo128 = U256::pow2(128);
constexpr U256 kTwo255 = U256::pow2(255);
constexpr U256 kMaxU256 = U256::max();
constexpr U256 kMaxU160 = U256::of(~0ull, ~0ull, 0xffffffffull);
using tick_math::kMaxSqrt;
using tick_math::kMinSqrt;
using tick_math::sqrt_at;
using tick_math::tick_at;

using Opt = std::optional<U256>;

bool fits160(const U256& v) { return v < kTwo160; }

// FullMath.mulDiv / mulDivRoundingUp: nullopt for a zero denominator or a result >= 2^256.
Opt full_mul_div(const U256& a, const U256& b, const U256& d, bool round_up) {
  if (d.is_zero()) return std::nullopt;
  const U512 p = mul_full(a, b);
  if (p.limbs() <= 1 && d.limbs() == 1) {  // all in one word
    const std::uint64_t q = p.w[0] / d.w[0], r = p.w[0] % d.w[0];
    if (r && round_up) return U256(q) + U256(1);
    return U256(q);
  }
  if ((p >> 256).resize<4>() >= d) return std::nullopt;  // the quotient would not fit 256 bits
  U512 q;
  U256 r;
  divmod(p, d, &q, &r);
  U256 result = q.resize<4>();
  if (round_up && !r.is_zero()) {
    if (result == kMaxU256) return std::nullopt;
    result = result + U256(1);
  }
  return result;
}

// mulDiv by 2^96 (the Q96 of getAmount1Delta): a shift, same result.
Opt mul_div_q96(const U256& a, const U256& b, bool round_up) {
  const U512 p = mul_full(a, b);
  const U512 q = p >> 96;
  if (!(q >> 256).is_zero()) return std::nullopt;
  U256 result = q.resize<4>();
  if (round_up) {
    const bool remainder = p.w[0] != 0 || (p.w[1] & 0xffffffffu) != 0;
    if (remainder) {
      if (result == kMaxU256) return std::nullopt;
      result = result + U256(1);
    }
  }
  return result;
}

// UnsafeMath.divRoundingUp
U256 div_rounding_up(const U256& x, const U256& y) {
  U256 q, r;
  divmod(x, y, &q, &r);
  return r.is_zero() ? q : q + U256(1);
}

Opt compute_delta0(const U256& sqrt_a, const U256& sqrt_b, const U256& liquidity, bool round_up) {
  const U256 numerator1 = liquidity << 96;  // liquidity is a uint128
  const U256 numerator2 = sqrt_b - sqrt_a;
  const Opt t = full_mul_div(numerator1, numerator2, sqrt_b, round_up);
  if (!t) return t;
  return round_up ? div_rounding_up(*t, sqrt_a) : *t / sqrt_a;
}

// SqrtPriceMath.getAmount0Delta: two 512-bit divisions, the most of a swap step's cost. A swap
// crossing a whole tick range asks for the range's amount at its two prices and liquidity, which
// the next quote on the same pool asks for again (searches, the planner's bisections, a batch's
// swaps): a per-thread direct-mapped memo of this pure function, like sqrt_at's.
Opt delta0(U256 sqrt_a, U256 sqrt_b, const U256& liquidity, bool round_up) {
  if (sqrt_a > sqrt_b) std::swap(sqrt_a, sqrt_b);
  if (sqrt_a.is_zero()) return std::nullopt;
  struct Key {
    U256 a, b, liquidity;
    bool round_up = false;
    bool operator==(const Key& o) const { return round_up == o.round_up && a == o.a && b == o.b && liquidity == o.liquidity; }
  };
  thread_local venue_memo::DirectMemo<Key, Opt, 512> memo;
  const std::uint64_t h = (sqrt_a.w[0] ^ (sqrt_b.w[0] * 0x9e3779b97f4a7c15ull) ^ (liquidity.w[0] >> 3)) + round_up;
  return memo.get(static_cast<std::size_t>(h ^ (h >> 29)), Key{sqrt_a, sqrt_b, liquidity, round_up},
                  [&] { return compute_delta0(sqrt_a, sqrt_b, liquidity, round_up); });
}

Opt delta1(U256 sqrt_a, U256 sqrt_b, const U256& liquidity, bool round_up) {
  if (sqrt_a > sqrt_b) std::swap(sqrt_a, sqrt_b);
  return mul_div_q96(liquidity, sqrt_b - sqrt_a, round_up);
}

Opt next_from_amount0_rounding_up(const U256& sqrt_p, const U256& liquidity, const U256& amount, bool add) {
  if (amount.is_zero()) return sqrt_p;
  const U256 numerator1 = liquidity << 96;
  const U512 product_full = mul_full(amount, sqrt_p);
  const bool product_fits = (product_full >> 256).is_zero();
  const U256 product = product_full.resize<4>();
  if (add) {
    // The contract takes the precise path when amount * sqrtP and the denominator fit 256 bits.
    if (product_fits) {
      U256 denominator;
      if (!add_carry(denominator, numerator1, product)) {
        const Opt r = full_mul_div(numerator1, sqrt_p, denominator, true);
        if (!r) return r;
        return *r & kMaxU160;  // uint160(...)
      }
    }
    U256 d;
    if (add_carry(d, numerator1 / sqrt_p, amount)) return std::nullopt;  // SafeMath add
    return div_rounding_up(numerator1, d) & kMaxU160;
  }
  if (!product_fits || numerator1 <= product) return std::nullopt;
  const Opt r = full_mul_div(numerator1, sqrt_p, numerator1 - product, true);
  if (!r || !fits160(*r)) return std::nullopt;  // toUint160
  return r;
}

Opt next_from_amount1_rounding_down(const U256& sqrt_p, const U256& liquidity, const U256& amount, bool add) {
  if (add) {
    const Opt quotient = full_mul_div(amount, kQ96, liquidity, false);  // both branches: floor(amount·2^96/L)
    if (!quotient) return quotient;
    U256 r;
    if (add_carry(r, sqrt_p, *quotient) || !fits160(r)) return std::nullopt;  // SafeMath add, then toUint160
    return r;
  }
  const Opt quotient = full_mul_div(amount, kQ96, liquidity, true);
  if (!quotient || sqrt_p <= *quotient) return std::nullopt;
  return sqrt_p - *quotient;
}

Opt next_from_input(const U256& sqrt_p, const U256& liquidity, const U256& amount_in, bool zero_for_one) {
  if (sqrt_p.is_zero() || liquidity.is_zero()) return std::nullopt;
  return zero_for_one ? next_from_amount0_rounding_up(sqrt_p, liquidity, amount_in, true)
                      : next_from_amount1_rounding_down(sqrt_p, liquidity, amount_in, true);
}

Opt next_from_output(const U256& sqrt_p, const U256& liquidity, const U256& amount_out, bool zero_for_one) {
  if (sqrt_p.is_zero() || liquidity.is_zero()) return std::nullopt;
  return zero_for_one ? next_from_amount1_rounding_down(sqrt_p, liquidity, amount_out, false)
                      : next_from_amount0_rounding_up(sqrt_p, liquidity, amount_out, false);
}

struct WideStep {
  U256 sqrt_next, amount_in, amount_out, fee_amount;
};

// SwapMath.computeSwapStep with amountRemaining as a magnitude and its direction.
std::optional<WideStep> step(const U256& sqrt_current, const U256& sqrt_target, const U256& liquidity,
                             const U256& remaining, bool exact_in, std::uint64_t fee_pips) {
  const bool zero_for_one = sqrt_current >= sqrt_target;
  WideStep s;
  Opt amount_in, amount_out;
  if (exact_in) {
    const Opt less_fee = full_mul_div(remaining, U256(kPips - fee_pips), U256(kPips), false);
    if (!less_fee) return std::nullopt;
    amount_in = zero_for_one ? delta0(sqrt_target, sqrt_current, liquidity, true)
                             : delta1(sqrt_current, sqrt_target, liquidity, true);
    if (!amount_in) return std::nullopt;
    if (*less_fee >= *amount_in) {
      s.sqrt_next = sqrt_target;
    } else {
      const Opt next = next_from_input(sqrt_current, liquidity, *less_fee, zero_for_one);
      if (!next) return std::nullopt;
      s.sqrt_next = *next;
    }
  } else {
    amount_out = zero_for_one ? delta1(sqrt_target, sqrt_current, liquidity, false)
                              : delta0(sqrt_current, sqrt_target, liquidity, false);
    if (!amount_out) return std::nullopt;
    if (remaining >= *amount_out) {
      s.sqrt_next = sqrt_target;
    } else {
      const Opt next = next_from_output(sqrt_current, liquidity, remaining, zero_for_one);
      if (!next) return std::nullopt;
      s.sqrt_next = *next;
    }
  }
  const bool max = sqrt_target == s.sqrt_next;
  if (zero_for_one) {
    if (!(max && exact_in)) amount_in = delta0(s.sqrt_next, sqrt_current, liquidity, true);
    if (!(max && !exact_in)) amount_out = delta1(s.sqrt_next, sqrt_current, liquidity, false);
  } else {
    if (!(max && exact_in)) amount_in = delta1(sqrt_current, s.sqrt_next, liquidity, true);
    if (!(max && !exact_in)) amount_out = delta0(sqrt_current, s.sqrt_next, liquidity, false);
  }
  if (!amount_in || !amount_out) return std::nullopt;
  s.amount_in = *amount_in;
  s.amount_out = *amount_out;
  if (!exact_in && s.amount_out > remaining) s.amount_out = remaining;
  if (exact_in && s.sqrt_next != sqrt_target) {
    if (s.amount_in > remaining) return std::nullopt;  // not reachable: amountIn <= amountRemaining less the fee
    s.fee_amount = remaining - s.amount_in;
  } else {
    const Opt fee = full_mul_div(s.amount_in, U256(fee_pips), U256(kPips - fee_pips), true);
    if (!fee) return std::nullopt;
    s.fee_amount = *fee;
  }
  return s;
}

// The Int forms of the public functions: inputs outside the contracts' types fail as they would
// (a sqrt price is a uint160, a liquidity a uint128, amounts uint256).
std::optional<U256> word(const Int& v) { return to_wide<4>(v); }
std::optional<U256> uint160(const Int& v) {
  auto w = to_wide<4>(v);
  if (w && !fits160(*w)) return std::nullopt;
  return w;
}
std::optional<U256> uint128(const Int& v) {
  auto w = to_wide<4>(v);
  if (w && !(*w < kTwo128)) return std::nullopt;
  return w;
}
std::optional<Int> as_int(const Opt& v) {
  if (!v) return std::nullopt;
  return to_int(*v);
}

// Floor division of a possibly negative compressed tick by the spacing (Solidity rounds toward
// zero; TickBitmap then decrements for negative ticks with a remainder).
int compress(int tick, int spacing) {
  int c = tick / spacing;
  if (tick < 0 && tick % spacing != 0) --c;
  return c;
}

}  // namespace

const Int& min_sqrt_ratio() {
  static const Int v = to_int(kMinSqrt);
  return v;
}

const Int& max_sqrt_ratio() {
  static const Int v = to_int(kMaxSqrt);
  return v;
}

Int sqrt_ratio_at_tick(int tick) { return to_int(sqrt_at(tick)); }

int tick_at_sqrt_ratio(const Int& sqrt_price_x96) {
  if (sqrt_price_x96 < min_sqrt_ratio()) return kMinTick;
  if (sqrt_price_x96 >= max_sqrt_ratio()) return kMaxTick;
  return tick_at(*to_wide<4>(sqrt_price_x96));
}

std::optional<Int> mul_div(const Int& a, const Int& b, const Int& denominator) {
  const auto wa = word(a), wb = word(b), wd = word(denominator);
  if (!wa || !wb || !wd) return std::nullopt;
  return as_int(full_mul_div(*wa, *wb, *wd, false));
}

std::optional<Int> mul_div_rounding_up(const Int& a, const Int& b, const Int& denominator) {
  const auto wa = word(a), wb = word(b), wd = word(denominator);
  if (!wa || !wb || !wd) return std::nullopt;
  return as_int(full_mul_div(*wa, *wb, *wd, true));
}

std::optional<Int> amount0_delta(Int sqrt_a, Int sqrt_b, const Int& liquidity, bool round_up) {
  const auto a = uint160(sqrt_a), b = uint160(sqrt_b), l = uint128(liquidity);
  if (!a || !b || !l) return std::nullopt;
  return as_int(delta0(*a, *b, *l, round_up));
}

std::optional<Int> amount1_delta(Int sqrt_a, Int sqrt_b, const Int& liquidity, bool round_up) {
  const auto a = uint160(sqrt_a), b = uint160(sqrt_b), l = uint128(liquidity);
  if (!a || !b || !l) return std::nullopt;
  return as_int(delta1(*a, *b, *l, round_up));
}

std::optional<Int> next_sqrt_price_from_input(const Int& sqrt_p, const Int& liquidity, const Int& amount_in,
                                              bool zero_for_one) {
  const auto p = uint160(sqrt_p), l = uint128(liquidity), a = word(amount_in);
  if (!p || !l || !a) return std::nullopt;
  return as_int(next_from_input(*p, *l, *a, zero_for_one));
}

std::optional<Int> next_sqrt_price_from_output(const Int& sqrt_p, const Int& liquidity, const Int& amount_out,
                                               bool zero_for_one) {
  const auto p = uint160(sqrt_p), l = uint128(liquidity), a = word(amount_out);
  if (!p || !l || !a) return std::nullopt;
  return as_int(next_from_output(*p, *l, *a, zero_for_one));
}

std::optional<Step> compute_swap_step(const Int& sqrt_current, const Int& sqrt_target, const Int& liquidity,
                                      const Int& amount_remaining, long long fee_pips) {
  bool negative = false;
  const auto c = uint160(sqrt_current), t = uint160(sqrt_target), l = uint128(liquidity);
  const auto r = to_wide_magnitude<4>(amount_remaining, &negative);
  if (!c || !t || !l || !r || fee_pips < 0 || fee_pips >= static_cast<long long>(kPips)) return std::nullopt;
  const auto s = step(*c, *t, *l, *r, !negative, static_cast<std::uint64_t>(fee_pips));
  if (!s) return std::nullopt;
  return Step{to_int(s->sqrt_next), to_int(s->amount_in), to_int(s->amount_out), to_int(s->fee_amount)};
}

namespace {

struct NextTick {
  int tick;
  bool initialized;
  const V3Tick* at = nullptr;  // the initialized tick, when there is one
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
      if (compress(t.index, spacing) >= word_start) return {compress(t.index, spacing) * spacing, true, &t};
    }
    return {word_start * spacing, false};
  }
  int next = compressed + 1;
  int bit_pos = ((next % 256) + 256) % 256;
  int word_end = next + (255 - bit_pos);
  auto it = std::lower_bound(ticks.begin(), ticks.end(), next * spacing, by_index);
  if (it != ticks.end() && compress(it->index, spacing) <= word_end)
    return {compress(it->index, spacing) * spacing, true, &*it};
  return {word_end * spacing, false};
}

// LiquidityMath.addDelta of a crossed tick's liquidityNet (negated going down): nullptr, or why
// the contract reverts.
const char* cross(U256& liquidity, const Int& liquidity_net, bool zero_for_one) {
  bool negative = false;
  const auto net = to_wide_magnitude<4>(liquidity_net, &negative);
  if (negative != zero_for_one) {  // the liquidity falls
    if (!net || sub_borrow(liquidity, liquidity, *net)) return "LS (liquidity underflow";
  } else if (!net || add_carry(liquidity, liquidity, *net) || liquidity >= kTwo128) {
    return "LA (liquidity overflow";
  }
  return nullptr;
}

SwapOutcome failed(std::string why) {
  SwapOutcome o;
  o.failure = std::move(why);
  return o;
}

}  // namespace

SwapOutcome swap(UniswapV3Pool& pool, bool zero_for_one, const Int& amount_specified, Int sqrt_price_limit) {
  if (amount_specified == 0) return failed("UniswapV3Pool: AS (the amount is 0)");
  bool negative = false;
  const auto magnitude = to_wide_magnitude<4>(amount_specified, &negative);
  if (!magnitude || (negative ? *magnitude > kTwo255 : *magnitude >= kTwo255))
    return failed("UniswapV3Pool: the amount does not fit int256");
  const bool exact_input = !negative;
  const auto pool_price = uint160(pool.sqrt_price_x96);
  const auto pool_liquidity = uint128(pool.liquidity);
  if (!pool_price || !pool_liquidity || pool.fee_pips < 0 || pool.fee_pips >= static_cast<long long>(kPips))
    return failed("UniswapV3Pool: the pool's state is outside its types (sqrtPriceX96 uint160, liquidity uint128)");
  U256 limit = zero_for_one ? kMinSqrt + U256(1) : kMaxSqrt - U256(1);
  if (sqrt_price_limit != 0) {
    const auto given = word(sqrt_price_limit);
    if (!given) return failed("UniswapV3Pool: SPL (the price is already at its limit)");
    limit = *given;
  }
  if (zero_for_one ? !(limit < *pool_price && limit > kMinSqrt) : !(limit > *pool_price && limit < kMaxSqrt))
    return failed("UniswapV3Pool: SPL (the price is already at its limit)");
  static const std::vector<V3Tick> no_ticks;
  const std::vector<V3Tick>& ticks = pool.ticks ? *pool.ticks : no_ticks;
  // The window of tick data: the price may not leave it.
  const U256 window_low = sqrt_at(std::clamp(pool.window_lower, kMinTick, kMaxTick));
  const U256 window_high = sqrt_at(std::clamp(pool.window_upper, kMinTick, kMaxTick));
  const auto fee_pips = static_cast<std::uint64_t>(pool.fee_pips);

  U256 remaining = *magnitude, calculated = 0;  // magnitudes of the contract's int256 values
  U256 sqrt_price = *pool_price, liquidity = *pool_liquidity;
  int tick = pool.tick;
  while (!remaining.is_zero() && sqrt_price != limit) {
    const U256 start = sqrt_price;
    NextTick next = next_initialized_tick_within_one_word(ticks, tick, pool.tick_spacing, zero_for_one);
    next.tick = std::clamp(next.tick, kMinTick, kMaxTick);
    const U256 sqrt_next = sqrt_at(next.tick);
    const U256& target = (zero_for_one ? sqrt_next < limit : sqrt_next > limit) ? limit : sqrt_next;
    const auto s = step(sqrt_price, target, liquidity, remaining, exact_input, fee_pips);
    if (!s) return failed("UniswapV3Pool: a swap step reverts (arithmetic bounds)");
    sqrt_price = s->sqrt_next;
    if (zero_for_one ? sqrt_price < window_low : sqrt_price > window_high)
      return failed("tick data exhausted: the swap moves the price past the tick window's " +
                    std::string(zero_for_one ? "lower" : "upper") + " end (tick " +
                    std::to_string(zero_for_one ? pool.window_lower : pool.window_upper) +
                    "), where the liquidity is unknown");
    U256 in_plus_fee;
    if (add_carry(in_plus_fee, s->amount_in, s->fee_amount) || in_plus_fee >= kTwo255 || s->amount_out >= kTwo255)
      return failed("UniswapV3Pool: an amount does not fit int256");
    const U256& spent = exact_input ? in_plus_fee : s->amount_out;
    const U256& got = exact_input ? s->amount_out : in_plus_fee;
    if (sub_borrow(remaining, remaining, spent)) return failed("UniswapV3Pool: a swap step reverts (arithmetic bounds)");
    if (add_carry(calculated, calculated, got) || (exact_input ? calculated > kTwo255 : calculated >= kTwo255))
      return failed("UniswapV3Pool: the amount does not fit int256");
    if (sqrt_price == sqrt_next) {
      if (next.initialized)
        if (const char* why = cross(liquidity, next.at->liquidity_net, zero_for_one))
          return failed(std::string("UniswapV3Pool: ") + why + " crossing tick " + std::to_string(next.tick) + ")");
      tick = zero_for_one ? next.tick - 1 : next.tick;
    } else if (sqrt_price != start) {
      tick = tick_at(sqrt_price);
    }
  }
  // The pool's signed deltas: the specified side by what was used, the other by what was
  // calculated, positive when the pool receives.
  const Int used = to_int(*magnitude - remaining);
  const Int calc = to_int(calculated);
  const Int used_signed = exact_input ? used : Int(-used);
  const Int calc_signed = exact_input ? Int(-calc) : calc;
  SwapOutcome o;
  if (zero_for_one == exact_input) {
    o.amount0 = used_signed;
    o.amount1 = calc_signed;
  } else {
    o.amount0 = calc_signed;
    o.amount1 = used_signed;
  }
  o.ok = true;
  pool.sqrt_price_x96 = to_int(sqrt_price);
  pool.tick = tick;
  pool.liquidity = to_int(liquidity);
  return o;
}

}  // namespace ballast::uniswap_v3
