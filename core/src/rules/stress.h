// Running the After rules, on the unshocked states or under each stress scenario.
#pragma once

#include "context.h"

namespace ballast::rules {

/// Runs every After rule of the registry (only those of `families` when given) on the context.
void run_after_rules(const Context& x, const std::vector<Family>* families, std::vector<Finding>& out);

/// Every stress scenario of the policy on the context's states (`before` null: status), with the
/// treasury's oracle prices `prices`.
std::vector<StressOutcome> run_stress(const Context& base, const std::vector<Int>& prices);

}  // namespace ballast::rules
