#include "ballast/venues/uniswap_v2.h"

#include "ballast/wide.h"

namespace ballast::uniswap_v2 {

const Int& max_reserve() {
  static const Int m = (Int(1) << 112) - 1;
  return m;
}

// UniswapV2Library's formulas on fixed-width integers. Amounts and reserves are below 2^256 (an
// input outside that range is not one the contract could hold, and gets no quote), so every
// product fits 768 bits and the result is the exact quotient the 1,024-bit Int gave.
using U768 = UWide<12>;

std::optional<Int> get_amount_out(const Int& amount_in, const Int& reserve_in, const Int& reserve_out,
                                  long long fee_bps) {
  if (amount_in <= 0 || reserve_in <= 0 || reserve_out <= 0 || fee_bps < 0 || fee_bps >= 10000) return std::nullopt;
  const auto in = to_wide<4>(amount_in), r_in = to_wide<4>(reserve_in), r_out = to_wide<4>(reserve_out);
  if (!in || !r_in || !r_out) return std::nullopt;
  const U512 in_with_fee = mul_full(*in, U256(static_cast<std::uint64_t>(10000 - fee_bps)));  // < 2^270
  const U768 numerator = mul_full(in_with_fee, *r_out);
  const U768 denominator = (mul_full(*r_in, U256(10000)) + in_with_fee).resize<12>();
  U768 q;
  divmod(numerator, denominator, &q, static_cast<U768*>(nullptr));
  return to_int(q);
}

std::optional<Int> get_amount_in(const Int& amount_out, const Int& reserve_in, const Int& reserve_out,
                                 long long fee_bps) {
  if (amount_out <= 0 || reserve_in <= 0 || reserve_out <= 0 || amount_out >= reserve_out || fee_bps < 0 ||
      fee_bps >= 10000)
    return std::nullopt;
  const auto out = to_wide<4>(amount_out), r_in = to_wide<4>(reserve_in), r_out = to_wide<4>(reserve_out);
  if (!out || !r_in || !r_out) return std::nullopt;
  const U768 numerator = mul_full(mul_full(*r_in, *out), U256(10000));
  const U768 denominator = mul_full(*r_out - *out, U256(static_cast<std::uint64_t>(10000 - fee_bps))).resize<12>();
  U768 q;
  divmod(numerator, denominator, &q, static_cast<U768*>(nullptr));
  return to_int(q + U768(1));
}

}  // namespace ballast::uniswap_v2
