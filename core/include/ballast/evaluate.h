// Evaluation (docs/semantics.md, Evaluation): before state, sequential simulation of the actions, after
// state, the rule catalog (section 6), stress scenarios, verdict.
#pragma once

#include "ballast/model.h"
#include "ballast/report.h"

namespace ballast {

/// Checks a proposal against the policy on the treasury snapshot. Pure and deterministic.
Report evaluate(const CaseRef& c);

/// Monitoring: the before-state figures and breaches of a policy on a treasury, no proposal.
Report evaluate_status(const CaseRef& c);

/// A report for documents that could not be evaluated (verdict "error").
Report error_report(std::vector<Diagnostic> errors, Mode mode = Mode::Check);

}  // namespace ballast
