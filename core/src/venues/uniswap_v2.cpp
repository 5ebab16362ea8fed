#include "ballast/venues/uniswap_v2.h"

namespace ballast::uniswap_v2 {

const Int& max_reserve() {
  static const Int m = (Int(1) << 112) - 1;
  return m;
}

std::optional<Int> get_amount_out(const Int& amount_in, const Int& reserve_in, const Int& reserve_out,
                                  long long fee_bps) {
  if (amount_in <= 0 || reserve_in <= 0 || reserve_out <= 0) return std::nullopt;
  Int in_with_fee = amount_in * (10000 - fee_bps);
  return in_with_fee * reserve_out / (reserve_in * 10000 + in_with_fee);
}

std::optional<Int> get_amount_in(const Int& amount_out, const Int& reserve_in, const Int& reserve_out,
                                 long long fee_bps) {
  if (amount_out <= 0 || reserve_in <= 0 || reserve_out <= 0 || amount_out >= reserve_out) return std::nullopt;
  Int numerator = reserve_in * amount_out * 10000;
  Int denominator = (reserve_out - amount_out) * (10000 - fee_bps);
  return numerator / denominator + 1;
}

}  // namespace ballast::uniswap_v2
