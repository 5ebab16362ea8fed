#include "differential.h"

#include "ballast/venues.h"
#include "ballast/wide.h"
#include "curve_int1024.h"
#include "uniswap_v3_int1024.h"
#include "v3_pool.h"

#include <optional>
#include <sstream>

namespace ballast::oracle {

namespace {

const Int two256 = Int(1) << 256;
const Int two512 = Int(1) << 512;

Int mod(const Int& v, const Int& m) {
  Int r = v % m;
  return r < 0 ? Int(r + m) : r;
}

// A word of a random width, often at the edges: 0, 1, 2^k - 1, 2^k, the largest.
Int word(fuzz::Input& in, unsigned max_bits) {
  switch (in.range(0, 7)) {
    case 0: return in.range(0, 3);
    case 1: return (Int(1) << static_cast<unsigned>(in.range(0, max_bits - 1))) - in.range(0, 1);
    case 2: return (Int(1) << max_bits) - 1 - in.range(0, 2);
    default: return in.amount(max_bits);
  }
}

std::string text(const std::optional<Int>& v) { return v ? to_string(*v) : std::string("revert"); }

struct Report {
  std::ostringstream out;
  void expect(bool same, const std::string& what) {
    if (!same && out.tellp() == 0) out << what;
  }
  template <class T>
  void equal(const T& core, const T& oracle, const std::string& what) {
    if (!(core == oracle)) expect(false, what);
  }
  void equal(const std::optional<Int>& core, const std::optional<Int>& oracle, const std::string& what) {
    expect(core == oracle, what + ": core " + text(core) + ", oracle " + text(oracle));
  }
  std::string str() const { return out.str(); }
};

}  // namespace

std::string differ_wide(fuzz::Input& in) {
  Report rep;
  const Int a = word(in, 256), b = word(in, 256), c = word(in, 256);
  const U256 wa = *to_wide<4>(a), wb = *to_wide<4>(b), wc = *to_wide<4>(c);
  const std::string args = " of " + to_string(a) + ", " + to_string(b);
  rep.expect(to_int(wa) == a && to_int(wb) == b, "round trip" + args);
  rep.expect(wa.bits() == (a == 0 ? 0u : boost::multiprecision::msb(a) + 1), "bits" + args);
  rep.expect(compare(wa, wb) == (a < b ? -1 : a > b ? 1 : 0), "compare" + args);
  U256 r;
  rep.expect(add_carry(r, wa, wb) == (a + b >= two256) && to_int(r) == mod(a + b, two256), "add" + args);
  rep.expect(sub_borrow(r, wa, wb) == (a < b) && to_int(r) == mod(a - b, two256), "subtract" + args);
  rep.expect(to_int(mul_full(wa, wb)) == a * b, "full product" + args);
  rep.expect(to_int(wa * wb) == mod(a * b, two256), "wrapping product" + args);
  const auto checked = mul_checked(wa, wb);
  rep.expect(checked ? a * b < two256 && to_int(*checked) == a * b : a * b >= two256, "checked product" + args);
  const unsigned n = static_cast<unsigned>(in.range(0, 300));
  rep.expect(to_int(wa << n) == mod(a << n, two256), "shift left by " + std::to_string(n) + args);
  rep.expect(to_int(wa >> n) == (a >> n), "shift right by " + std::to_string(n) + args);
  {
    const Int signed_a = a >= (Int(1) << 255) ? Int(a - two256) : a;  // int256 reading
    Int floor_shift = signed_a >= 0 ? Int(signed_a >> n) : Int(-((-signed_a - 1) >> n) - 1);
    if (n >= 256) floor_shift = signed_a < 0 ? -1 : 0;
    rep.expect(to_int(sar(wa, n)) == mod(floor_shift, two256), "arithmetic shift by " + std::to_string(n) + args);
  }
  if (b != 0) {
    U256 q, m;
    divmod(wa, wb, &q, &m);
    rep.expect(to_int(q) == a / b && to_int(m) == a % b, "256-bit division" + args);
    // A 512-bit dividend: the product with c plus a, by b.
    const Int p = a * c + a;
    const U512 wp = mul_full(wa, wc) + U512(0) + *to_wide<8>(a);
    U512 q2;
    divmod(wp, wb, &q2, &m);
    rep.expect(to_int(q2) == mod(p, two512) / b && to_int(m) == mod(p, two512) % b, "512-bit division" + args);
  }
  return rep.str();
}

namespace {

// The 1,024-bit UniswapV2Library formulas the core used before its fixed-width integers.
std::optional<Int> v2_amount_out(const Int& amount_in, const Int& reserve_in, const Int& reserve_out, long long fee_bps) {
  if (amount_in <= 0 || reserve_in <= 0 || reserve_out <= 0) return std::nullopt;
  Int in_with_fee = amount_in * (10000 - fee_bps);
  return in_with_fee * reserve_out / (reserve_in * 10000 + in_with_fee);
}
std::optional<Int> v2_amount_in(const Int& amount_out, const Int& reserve_in, const Int& reserve_out, long long fee_bps) {
  if (amount_out <= 0 || reserve_in <= 0 || reserve_out <= 0 || amount_out >= reserve_out) return std::nullopt;
  return reserve_in * amount_out * 10000 / ((reserve_out - amount_out) * (10000 - fee_bps)) + 1;
}

}  // namespace

std::string differ_v2(fuzz::Input& in) {
  Report rep;
  const Int amount = word(in, 256), r_in = word(in, in.range(0, 1) ? 112 : 256), r_out = word(in, in.range(0, 1) ? 112 : 256);
  const long long fee = in.range(0, 3) == 0 ? in.range(0, 9999) : 30;
  const std::string args = "(" + to_string(amount) + ", " + to_string(r_in) + ", " + to_string(r_out) + ", " + std::to_string(fee) + ")";
  rep.equal(uniswap_v2::get_amount_out(amount, r_in, r_out, fee), v2_amount_out(amount, r_in, r_out, fee), "getAmountOut" + args);
  rep.equal(uniswap_v2::get_amount_in(amount, r_in, r_out, fee), v2_amount_in(amount, r_in, r_out, fee), "getAmountIn" + args);
  return rep.str();
}

std::string differ_v3(fuzz::Input& in) {
  namespace core = uniswap_v3;
  Report rep;
  {  // FullMath
    const Int a = word(in, 256), b = word(in, 256), d = word(in, 256);
    const std::string args = "(" + to_string(a) + ", " + to_string(b) + ", " + to_string(d) + ")";
    rep.equal(core::mul_div(a, b, d), v3::mul_div(a, b, d), "mulDiv" + args);
    rep.equal(core::mul_div_rounding_up(a, b, d), v3::mul_div_rounding_up(a, b, d), "mulDivRoundingUp" + args);
  }
  {  // TickMath
    const int tick = static_cast<int>(in.range(core::kMinTick, core::kMaxTick));
    rep.expect(core::sqrt_ratio_at_tick(tick) == v3::sqrt_ratio_at_tick(tick), "getSqrtRatioAtTick(" + std::to_string(tick) + ")");
    const Int price = v3::min_sqrt_ratio() + word(in, 160) % (v3::max_sqrt_ratio() - v3::min_sqrt_ratio());
    rep.expect(core::tick_at_sqrt_ratio(price) == v3::tick_at_sqrt_ratio(price), "getTickAtSqrtRatio(" + to_string(price) + ")");
  }
  {  // SqrtPriceMath and SwapMath on words of the contracts' types
    const Int pa = word(in, 160), pb = word(in, 160), liquidity = word(in, 128), amount = word(in, 256);
    const bool up = in.range(0, 1) == 1, zero_for_one = in.range(0, 1) == 1;
    const std::string args = "(" + to_string(pa) + ", " + to_string(pb) + ", " + to_string(liquidity) + ", " +
                             to_string(amount) + (up ? ", up" : ", down") + (zero_for_one ? ", zeroForOne)" : ")");
    rep.equal(core::amount0_delta(pa, pb, liquidity, up), v3::amount0_delta(pa, pb, liquidity, up), "getAmount0Delta" + args);
    rep.equal(core::amount1_delta(pa, pb, liquidity, up), v3::amount1_delta(pa, pb, liquidity, up), "getAmount1Delta" + args);
    rep.equal(core::next_sqrt_price_from_input(pa, liquidity, amount, zero_for_one),
              v3::next_sqrt_price_from_input(pa, liquidity, amount, zero_for_one), "getNextSqrtPriceFromInput" + args);
    rep.equal(core::next_sqrt_price_from_output(pa, liquidity, amount, zero_for_one),
              v3::next_sqrt_price_from_output(pa, liquidity, amount, zero_for_one), "getNextSqrtPriceFromOutput" + args);
    const long long fee = in.range(0, 999999);
    const Int remaining = in.range(0, 1) ? Int(amount % (Int(1) << 255)) : Int(-(amount % (Int(1) << 255)));
    const auto s = core::compute_swap_step(pa, pb, liquidity, remaining, fee);
    const auto o = v3::compute_swap_step(pa, pb, liquidity, remaining, fee);
    // The fee of a partial exact-input step is amountRemaining - amountIn, which the contract
    // computes in uint256 and the oracle exactly; they agree whenever it is non-negative (always,
    // for a step the pool takes) and the step's total, amountIn + feeAmount, agrees always.
    const bool same = s.has_value() == o.has_value() &&
                      (!s || (s->sqrt_next == o->sqrt_next && s->amount_in == o->amount_in && s->amount_out == o->amount_out &&
                              (o->fee_amount < 0 || s->fee_amount == o->fee_amount)));
    rep.expect(same, "computeSwapStep" + args + " remaining " + to_string(remaining) + " fee " + std::to_string(fee));
  }
  {  // the pool's swap
    int start = 0;
    UniswapV3Pool pool = fuzz::v3_pool(in, true, &start);
    const bool zero_for_one = in.range(0, 1) == 1;
    Int amount = in.amount(in.range(0, 3) == 0 ? 255 : 128);
    if (in.range(0, 2) == 0) amount = -amount;
    Int limit = 0;
    if (in.range(0, 3) == 0) limit = v3::min_sqrt_ratio() + word(in, 160) % (v3::max_sqrt_ratio() - v3::min_sqrt_ratio());
    UniswapV3Pool core_pool = pool, oracle_pool = pool;
    const auto s = core::swap(core_pool, zero_for_one, amount, limit);
    const auto o = v3::swap(oracle_pool, zero_for_one, amount, limit);
    std::ostringstream what;
    what << "swap of " << to_string(amount) << (zero_for_one ? " zeroForOne" : " oneForZero") << " limit " << to_string(limit)
         << " at price " << to_string(pool.sqrt_price_x96) << " liquidity " << to_string(pool.liquidity) << ": core "
         << (s.ok ? to_string(s.amount0) + "/" + to_string(s.amount1) : s.failure) << ", oracle "
         << (o.ok ? to_string(o.amount0) + "/" + to_string(o.amount1) : o.failure);
    rep.expect(s.ok == o.ok && s.failure == o.failure && s.amount0 == o.amount0 && s.amount1 == o.amount1 &&
                   core_pool.sqrt_price_x96 == oracle_pool.sqrt_price_x96 && core_pool.tick == oracle_pool.tick &&
                   core_pool.liquidity == oracle_pool.liquidity,
               what.str());
  }
  return rep.str();
}

std::string differ_curve(fuzz::Input& in) {
  namespace core = ballast::curve;
  Report rep;
  // A pool of 2 to 4 coins: balances mostly of real sizes (up to 2^100 base units, often far out of
  // balance), sometimes words of any size; A_precise mostly what pools use, sometimes any value
  // below 2^64 (0 and the values below A_PRECISION revert); fees up to the contract's maxima.
  CurveStableSwapPool pool;
  const std::size_t coins = static_cast<std::size_t>(in.range(2, 4));
  const long long mode = in.range(0, 7);  // 0: any words, 1: any real sizes, else near balance
  const bool any = mode == 0;
  const unsigned scale = static_cast<unsigned>(in.range(1, 90));  // the normalised balances' size in bits
  for (std::size_t k = 0; k < coins; ++k) {
    const unsigned decimals = in.range(0, 1) ? 18u : static_cast<unsigned>(in.range(0, 18));
    pool.rates.push_back(wad() * pow10(18 - decimals));
    Int b = any ? word(in, 256) : in.amount(100);
    if (mode >= 2) b = ((Int(1) << scale) + in.bits(12) % (Int(1) << scale)) * wad() / pool.rates.back() + 1;
    pool.balances.push_back(b);
  }
  pool.amp_precise = in.range(0, 7) == 0 ? word(in, 64) : Int(in.range(1, 1000000) * (in.range(0, 1) ? 100 : 1));
  pool.fee = in.range(0, 5000000000LL);
  pool.admin_fee = in.range(0, 10000000000LL);
  const std::size_t i = static_cast<std::size_t>(in.range(0, static_cast<long long>(coins) - 1));
  std::size_t j = static_cast<std::size_t>(in.range(0, static_cast<long long>(coins) - 2));
  if (j >= i) ++j;
  const Int dx = in.range(0, 5) == 0 ? word(in, 256) : in.amount(static_cast<unsigned>(in.range(1, 110)));
  std::ostringstream args;
  args << "(pool";
  for (std::size_t k = 0; k < coins; ++k) args << " " << to_string(pool.balances[k]) << "@" << to_string(pool.rates[k]);
  args << " A_precise " << to_string(pool.amp_precise) << " fee " << to_string(pool.fee) << "/" << to_string(pool.admin_fee)
       << ", " << i << " -> " << j << ", dx " << to_string(dx) << ")";
  {  // the iterations on normalised balances given directly
    std::vector<Int> xp;
    for (std::size_t k = 0; k < coins; ++k) xp.push_back(any ? word(in, 256) : in.amount(120));
    const Int x = any ? word(in, 256) : in.amount(121);
    rep.equal(core::get_D(xp, pool.amp_precise), curve::get_D(xp, pool.amp_precise), "get_D" + args.str());
    rep.equal(core::get_y(i, j, x, xp, pool.amp_precise), curve::get_y(i, j, x, xp, pool.amp_precise),
              "get_y of x " + to_string(x) + args.str());
  }
  rep.equal(core::get_dy(pool, i, j, dx), curve::get_dy(pool, i, j, dx), "get_dy" + args.str());
  rep.equal(core::get_dy_no_fee(pool, i, j, dx), curve::get_dy_no_fee(pool, i, j, dx), "get_dy without the fee" + args.str());
  CurveStableSwapPool core_pool = pool, oracle_pool = pool;
  const auto c = core::exchange(core_pool, i, j, dx);
  const auto o = curve::exchange(oracle_pool, i, j, dx);
  rep.equal(c, o, "exchange" + args.str());
  rep.expect(core_pool.balances == oracle_pool.balances, "balances after exchange" + args.str());
  return rep.str();
}

}  // namespace ballast::oracle
