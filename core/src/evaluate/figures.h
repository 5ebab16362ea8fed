// The figures of a state and of an action, as exact numbers (report/ writes them).
#pragma once

#include "../sim/valuation.h"
#include "ballast/report.h"
#include "ballast/sim.h"

namespace ballast::evaluation {

/// NAV, assets, the selectors the rules use, targets, drift, runway and backing of a state.
StateFigures state_figures(const CaseRef& c, const sim::Snapshot& s);

/// The figures an action states before it is simulated (amounts, bounds, a transfer's value).
ActionFigures stated_figures(const CaseRef& c, const Action& a, std::size_t index);

/// Adds a simulated swap's amounts and figures.
void add_swap_figures(ActionFigures& af, const SwapOutcome& o);

}  // namespace ballast::evaluation
