// Curve StableSwap plain pools (2 to 4 coins), reproducing the integer math of curve-contract's
// contracts/pool-templates/base/SwapTemplateBase.vy: A_PRECISION = 100, get_D by Newton
// iteration with its 255-round limit and |D - D_prev| <= 1 test, get_y, get_dy with the fee in
// 1e10 units, exchange with the admin fee leaving the pool, rates 1e18 * 10^(18 - decimals).
// Every uint256 overflow, underflow or division by zero of the contract is a revert (nullopt). The
// Newton iterations run on the contract's words (U256, ballast/wide.h); an amp_precise of 2^64 or
// more, beyond any pool's (documents admit up to 10^8), and a negative value or one of 2^256 or more
// where the contract holds a uint256 are reverts too.
#pragma once

#include "ballast/numeric.h"

#include <cstddef>
#include <optional>
#include <vector>

namespace ballast {

/// Market state of one Curve plain pool.
struct CurveStableSwapPool {
  std::vector<Int> balances;  // raw token units, per coin
  std::vector<Int> rates;     // 1e18 * 10^(18 - decimals), per coin
  Int amp_precise;            // A * A_PRECISION, as the pool's A_precise() returns
  Int fee;                    // 1e10 units: 4000000 = 0.04 %
  Int admin_fee;              // 1e10 units: the share of the fee taken out of the pool
};

namespace curve {

inline constexpr int kAPrecision = 100;

/// get_D(xp, amp): the invariant, or nullopt where the contract reverts (no convergence in 255
/// rounds, a zero balance, an overflow).
std::optional<Int> get_D(const std::vector<Int>& xp, const Int& amp_precise);
/// get_y(i, j, x, xp): the new balance of coin j (normalised) when coin i's is x.
std::optional<Int> get_y(std::size_t i, std::size_t j, const Int& x, const std::vector<Int>& xp, const Int& amp_precise);
/// get_dy(i, j, dx) with the pool's fee, in coin j's units.
std::optional<Int> get_dy(const CurveStableSwapPool& pool, std::size_t i, std::size_t j, const Int& dx);
/// get_dy with no fee: the marginal quote used for the mid rate.
std::optional<Int> get_dy_no_fee(const CurveStableSwapPool& pool, std::size_t i, std::size_t j, const Int& dx);
/// The marginal rate of selling coin i for coin j at the pool's balances, fee included, in coin
/// j's base units per coin i's: the derivative of the invariant's curve (the contract rounds each
/// quote; this is the smooth curve those quotes follow), exactly as a fraction. nullopt where the
/// pool's D does not converge, it has more than 4 coins or a normalised balance of 2^128 or more
/// (beyond what the exact product holds).
std::optional<Frac> marginal_rate(const CurveStableSwapPool& pool, std::size_t i, std::size_t j);
/// exchange(i, j, dx): returns dy and updates the balances (dx in, dy and the admin fee out).
std::optional<Int> exchange(CurveStableSwapPool& pool, std::size_t i, std::size_t j, const Int& dx);
/// The least dx whose get_dy reaches `dy` (found by exact search: the template has no get_dx).
std::optional<Int> dx_for_dy(const CurveStableSwapPool& pool, std::size_t i, std::size_t j, const Int& dy);

}  // namespace curve
}  // namespace ballast
