// Uniswap v2 constant-product math, exactly as UniswapV2Library (getAmountOut / getAmountIn)
// and UniswapV2Pair.swap compute it, with the fee in basis points (30 = the 0.3 % of v2).
#pragma once

#include "ballast/numeric.h"

#include <optional>
#include <string>

namespace ballast {

/// Market state of one Uniswap v2 pair. Reserves fit in uint112, as in the pair contract.
struct UniswapV2Pool {
  Int reserve0;
  Int reserve1;
  long long fee_bps = 30;
};

namespace uniswap_v2 {

/// 2^112 - 1: the pair stores reserves as uint112.
const Int& max_reserve();

/// getAmountOut: floor(in·(10000−fee)·R_out / (R_in·10000 + in·(10000−fee))).
/// nullopt where the library reverts (zero input or zero reserves).
std::optional<Int> get_amount_out(const Int& amount_in, const Int& reserve_in, const Int& reserve_out,
                                  long long fee_bps);
/// getAmountIn: floor(R_in·out·10000 / ((R_out − out)·(10000−fee))) + 1.
/// nullopt where the library reverts (zero output, zero reserves, out >= R_out).
std::optional<Int> get_amount_in(const Int& amount_out, const Int& reserve_in, const Int& reserve_out,
                                 long long fee_bps);

}  // namespace uniswap_v2
}  // namespace ballast
