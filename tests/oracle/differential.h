// The integer differential: the core's fixed-width integers (ballast/wide.h) and the Uniswap v3 and
// Curve math built on them, against exact 1,024-bit `Int` arithmetic and the 1,024-bit oracles, on
// values drawn from a fuzzer's bytes. Run by the unit suite on seeded random bytes and by the
// `integers` fuzz harness. Each function returns "" when both agree, else what differs.
#pragma once

#include "fuzz_input.h"

#include <string>

namespace ballast::oracle {

/// U256 and U512 arithmetic (add, subtract, full and wrapping products, division, shifts, the
/// arithmetic shift, comparison, conversion) against Int modulo 2^256 / 2^512.
std::string differ_wide(fuzz::Input& in);
/// UniswapV2Library's getAmountOut and getAmountIn on words and uint112 reserves, against the
/// same formulas on 1,024-bit Int.
std::string differ_v2(fuzz::Input& in);
/// FullMath, SqrtPriceMath, SwapMath and TickMath on random words, then a swap (exact input or
/// output, with or without a price limit) on a random pool: results, failures and the pool's
/// state after it, against the oracle.
std::string differ_v3(fuzz::Input& in);

/// Curve StableSwap's get_D, get_y, get_dy (with and without the fee) and exchange on a random pool
/// of 2 to 4 coins, against the 1,024-bit oracle: results, reverts and the balances after.
std::string differ_curve(fuzz::Input& in);

}  // namespace ballast::oracle
