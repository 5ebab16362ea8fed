// The test oracle for the core's Curve StableSwap math (ballast/venues/curve_stableswap.h): the same
// functions computed on 1,024-bit `Int`. Results and reverts must be identical to ballast::curve's.
#pragma once

#include "ballast/venues/curve_stableswap.h"

namespace ballast::oracle::curve {

std::optional<Int> get_D(const std::vector<Int>& xp, const Int& amp_precise);
std::optional<Int> get_y(std::size_t i, std::size_t j, const Int& x, const std::vector<Int>& xp, const Int& amp_precise);
std::optional<Int> get_dy(const CurveStableSwapPool& pool, std::size_t i, std::size_t j, const Int& dx);
std::optional<Int> get_dy_no_fee(const CurveStableSwapPool& pool, std::size_t i, std::size_t j, const Int& dx);
std::optional<Int> exchange(CurveStableSwapPool& pool, std::size_t i, std::size_t j, const Int& dx);

}  // namespace ballast::oracle::curve
