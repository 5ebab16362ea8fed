// Generated workloads for the benchmarks and the bounded-cost tests: a complete `case/1` document
// of a chosen size (assets, venues of every curve kind, initialized ticks, limits, stress
// scenarios, history, actions). Deterministic: the same shape always gives the same bytes.
// The proposal's bounds (min_amount_out / max_amount_in) are set from an exact simulation of the
// actions in order, as a proposer's tooling would, so that most swaps comply and a chosen share
// are oversized and violate (exercising max_passing).
#pragma once

#include "ballast/model.h"

#include <cstddef>
#include <optional>
#include <string>

namespace ballast::workload {

/// The size of a generated case.
struct Shape {
  std::size_t assets = 1000;
  std::size_t actions = 200;
  std::size_t v2_pools = 30;
  std::size_t v3_pools = 30;
  std::size_t curve_pools = 10;
  std::size_t ticks_per_pool = 500;  // initialized ticks per v3 pool (including the full-range pair)
  std::size_t limits = 100;
  std::size_t stress = 10;
  std::size_t history = 50;
  std::size_t oversized_every = 40;  // every n-th swap is oversized (0: none)
};

/// The benchmark's large treasury: 1 000 assets, 200 actions over v2, v3 and Curve pools with 500
/// initialized ticks per v3 pool, 100 limits and 10 stress scenarios.
Shape large();

/// The section-8 limits at once: 10 000 assets, 1 000 actions, 20 000 ticks per v3 pool, 100
/// stress scenarios (and the 1 000 venues). Valid, and as heavy as a case may be.
Shape pathological();

/// The `case/1` JSON text of a generated case.
std::string case_json(const Shape& shape);

/// The planner's benchmark treasury (SPEC 15): 10 assets (five ETH-like at 3,000, five
/// stablecoins at 1) held 70/30 against 50/50 targets with 5 % bands, and 30 venues between the two
/// groups (15 Uniswap v2 pairs, 10 Uniswap v3 pools with 500 initialized ticks, 5 Curve pools of
/// stablecoins), with per-swap caps (price impact, slippage). Deterministic.
struct PlanDocuments {
  std::string policy, treasury;
};
PlanDocuments plan_documents();

/// A treasury of two assets and no venues, for routing one trade: A (18 decimals, priced 3,000)
/// and B (6 decimals, priced 1), no balances. The planner's tests and benchmark add the venues.
Treasury two_asset_treasury();

/// A Uniswap v3 pool at tick 0 (spacing 60, fee 0.3 %) with an initialized tick every 60 ticks
/// below the price, each removing a slice of the liquidity going down, so that a swap of a given
/// size crosses a known number of them (the venue and integer benchmarks).
UniswapV3Pool v3_ladder_pool();

/// A file's bytes, or nullopt when it cannot be read (for the benchmark programs).
std::optional<std::string> read_file(const std::string& path);

}  // namespace ballast::workload
