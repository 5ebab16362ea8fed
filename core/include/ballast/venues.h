// The venue layer: market state for each venue kind, and one set of operations over all kinds.
// A venue kind is one module (a state struct in the variant plus its functions in
// core/src/venues/); adding a kind adds one alternative here and one case in each dispatch.
// States are plain values: copying a VenueState forks the market for a what-if simulation.
#pragma once

#include "ballast/numeric.h"
#include "ballast/venues/curve_stableswap.h"
#include "ballast/venues/uniswap_v2.h"
#include "ballast/venues/uniswap_v3.h"

#include <cstddef>
#include <optional>
#include <string>
#include <variant>

namespace ballast {

/// CoW-style orders, RFQ and OTC: no curve; fills at the order's own bound.
struct LimitOrderVenue {};

/// Market state of any venue kind.
using VenueState = std::variant<LimitOrderVenue, UniswapV2Pool, UniswapV3Pool, CurveStableSwapPool>;

/// One swap against a venue: sell the venue's token `in`, buy token `out` (positions in the
/// venue's token list). `amount` is the input (exact_in) or the output (exact output); `bound`
/// is min_amount_out or max_amount_in when the proposal states it.
struct SwapRequest {
  std::size_t in = 0;
  std::size_t out = 1;
  bool exact_in = true;
  Int amount;
  std::optional<Int> bound;
};

/// What a venue returns: both amounts, or the reason the contract would revert.
struct SwapResult {
  bool ok = false;
  std::string failure;
  Int amount_in;
  Int amount_out;
};

/// Simulates the swap with the venue's exact integer math. On success the state is updated
/// as the contract would leave it; on failure it is unchanged.
SwapResult swap(VenueState& state, const SwapRequest& request);

/// The marginal rate (output base units per input base unit) before any fee, or nullopt for a
/// venue without a curve.
std::optional<Frac> mid_rate(const VenueState& state, std::size_t in, std::size_t out);

/// The fee as a fraction of the amount (0 for limit orders).
Frac fee_fraction(const VenueState& state);

/// The venue's (active) reserve of the input token, for pool share; nullopt without a curve.
std::optional<Int> reserve_of(const VenueState& state, std::size_t token);

/// True when the venue has a curve (price impact, pool share and oracle deviation apply).
bool has_curve(const VenueState& state);

}  // namespace ballast
