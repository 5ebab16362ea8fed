// The outcome of a check (SPEC section 7): findings for rule outcomes, diagnostics for input
// errors, and the figures of the before and after states and of each action. Figures are
// already rounded text ("6012.35"); the exact arithmetic happened before.
#pragma once

#include "ballast/diagnostics.h"
#include "ballast/model.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ballast {

/// Engine version reported in every report and by `ballast version`.
inline constexpr const char* engine_version = "0.1.0";

/// One rule outcome.
struct Finding {
  std::string rule;       // e.g. "limit.max", "stress.floor.runway"
  Severity severity = Severity::Error;
  std::string id;         // the rule's own "id", if it has one
  std::string subject;    // selector, asset, venue or address
  std::string path;       // JSON pointer into the case: the action for per-action rules, else the rule
  std::string rule_path;  // the policy rule, when `path` points at an action
  std::optional<std::string> observed;
  std::optional<std::string> limit;
  std::optional<std::string> before;
  std::string unit;       // "bps", "months", the numeraire, an asset id, or ""
  std::string message;
  std::optional<std::string> max_passing;  // largest passing amount of the action's stated amount
};

struct AssetFigure {
  std::string id;
  std::string balance;
  std::string value;
  std::string weight_bps;
};

struct SelectorFigure {
  std::string value;
  std::string weight_bps;
};

struct TargetFigure {
  std::string select;
  long long target_bps = 0;
  long long band_bps = 0;
  std::string weight_bps;
  std::string deviation_bps;
  bool in_band = true;
};

struct BackingFigure {
  std::string select;
  std::string liability;
  std::optional<std::string> ratio_bps;  // absent when the liability is 0
};

/// The treasury's figures at one point (before or after the proposal).
struct StateFigures {
  std::string nav;
  std::vector<AssetFigure> assets;
  std::map<std::string, SelectorFigure> selectors;  // every selector a rule uses
  std::vector<TargetFigure> targets;
  std::optional<std::string> total_drift_bps;
  std::map<std::string, std::string> runway_months;  // per runway-floor selector
  std::vector<BackingFigure> backing;
};

/// Per-action figures, in proposal order. Absent optional fields do not apply to the action.
struct ActionFigures {
  std::size_t index = 0;
  std::string type;  // "swap" or "transfer"
  // swap
  std::string venue, sell, buy;
  bool exact_in = true;
  std::optional<std::string> amount_in, amount_out, expected_out, expected_in, min_amount_out, max_amount_in;
  std::optional<std::string> value_in, value_out;
  std::optional<std::string> loss_bps, price_impact_bps, slippage_bps, pool_share_bps, oracle_deviation_bps;
  // transfer
  std::string asset, to;
  std::optional<std::string> amount, value;
};

struct StressOutcome {
  std::string name;
  std::vector<Finding> findings;
};

/// A whole report. `verdict` is "pass", "fail" or "error".
struct Report {
  std::string mode = "check";  // "check" or "status"
  std::string verdict;
  std::string proposal_id;
  std::vector<Finding> findings;
  std::vector<Diagnostic> errors;
  std::optional<StateFigures> before;
  std::optional<StateFigures> after;
  std::vector<ActionFigures> actions;
  std::vector<StressOutcome> stress;

  std::size_t count(Severity s) const;  // over findings and stress findings
};

/// Sorts findings deterministically: by path, then rule, then subject, then message.
void sort_findings(std::vector<Finding>& findings);

}  // namespace ballast
