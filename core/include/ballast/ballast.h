// Ballast: deterministic treasury-policy checker. The public entry points.
//
// Two layers: the typed pipeline (parse.h -> evaluate.h -> render.h) and the JSON entry points
// below, which take document text and return report text, and never throw. The CLI and the
// WebAssembly binding only forward to these.
#pragma once

#include "ballast/diff.h"
#include "ballast/evaluate.h"
#include "ballast/parse.h"
#include "ballast/render.h"
#include "ballast/report.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ballast {

/// Checks a `case/1` document; returns the `report/1` JSON (verdict "error" on bad input).
std::string check_json(std::string_view case_json, const CheckLimits& limits = {});

/// Checks the three documents given separately; returns the `report/1` JSON.
std::string check_documents_json(std::string_view policy_json, std::string_view treasury_json,
                                 std::string_view proposal_json, const CheckLimits& limits = {});

/// Checks a proposal against prepared policy and treasury (prepare_documents): the report of
/// parse_documents + evaluate on the three texts, without reading the policy and treasury again.
Report evaluate_prepared(const Prepared& prepared, std::string_view proposal_json);

/// evaluate_prepared as JSON: the same JSON as check_documents_json on the three texts.
std::string check_prepared_json(const Prepared& prepared, std::string_view proposal_json);

/// The monitoring report of prepared policy and treasury; the same JSON as status_json on the texts.
std::string status_prepared_json(const Prepared& prepared);

/// Checks the proposal an imported file of calls executes (import_calls) against prepared policy
/// and treasury; import errors make an error report.
Report evaluate_calls(const Prepared& prepared, std::string_view calls_text);
/// Checks a Safe Transaction Builder file or calls/1 document against a policy and a treasury;
/// returns the `report/1` JSON.
std::string check_calls_json(std::string_view policy_json, std::string_view treasury_json, std::string_view calls_text,
                             const CheckLimits& limits = {});
/// Imports a file of calls against a treasury: the proposal/1 JSON it executes (`format` "json")
/// or one line per action (`format` "text"); on invalid input {"valid": false, "kind": "calls",
/// "errors": [...]} in either format, with `ok` false.
std::string import_calls_json(std::string_view calls_text, std::string_view treasury_json, const std::string& format,
                              bool* ok = nullptr, const CheckLimits& limits = {});
/// Exports a proposal as the calls that perform it (SPEC 16): a Safe Transaction Builder file
/// (`format` "safe-batch") or a calls/1 document ("calls"), deadline `deadline_hours` after the
/// evaluation time; `orders` receives the CoW orders' terms (a JSON array). On invalid input or an
/// action export cannot write: {"valid": false, "kind": "proposal", "errors": [...]}, `ok` false.
std::string export_calls_json(std::string_view treasury_json, std::string_view proposal_json, const std::string& format,
                              long long deadline_hours = 72, bool* ok = nullptr, std::string* orders = nullptr,
                              const CheckLimits& limits = {});
/// What `ballast plan` is asked: the goal ("edge" or "target"), tranche 1's time (RFC 3339; empty:
/// the treasury's as_of), the output format ("json": plan/1, "text", "proposal": tranche 1's
/// proposal/1, empty when there is none, "safe-batch": tranche 1 as a Safe Transaction Builder file)
/// and the export deadline for "safe-batch".
struct PlanRequest {
  std::string goal = "edge";
  std::string at;
  std::string format = "json";
  long long deadline_hours = 72;
};

/// Plans the rebalance of a treasury under a policy (SPEC 13). `status` receives the plan's status
/// ("complete", "partial", "not_needed", "infeasible"), or "error" for invalid input, when the
/// output is {"valid": false, "kind": "plan", "errors": [...]} (also for a bad goal, time or format,
/// and for a tranche "safe-batch" cannot write).
std::string plan_json(std::string_view policy_json, std::string_view treasury_json, const PlanRequest& request,
                      std::string* status = nullptr, const CheckLimits& limits = {});

/// plan_json's work, typed (the CLI prints the errors as text): the output and the plan's status,
/// or the input errors (status "error"). May throw on an internal defect; plan_json guards it.
struct PlanOutput {
  std::string text;
  std::string status = "error";
  std::vector<Diagnostic> errors;
};
PlanOutput plan_output(std::string_view policy_json, std::string_view treasury_json, const PlanRequest& request,
                       const CheckLimits& limits = {});

/// Monitoring report of a policy on a treasury snapshot (mode "status").
std::string status_json(std::string_view policy_json, std::string_view treasury_json,
                        const CheckLimits& limits = {});

/// Compares two policy/1 documents; returns the `diff/1` JSON (verdict "error" on bad input).
/// With a treasury, the JSON also compares the status of the treasury under each policy.
std::string diff_json(std::string_view old_policy, std::string_view new_policy,
                      std::optional<std::string_view> treasury = std::nullopt, const CheckLimits& limits = {});

/// Validates one document of any kind; returns {"valid", "kind", "errors"} JSON.
std::string validate_json(std::string_view document_json, const CheckLimits& limits = {});

/// The JSON Schema (draft 2020-12) of a document kind ("policy", "treasury", "proposal",
/// "case", "report", with or without "/1"), or an empty string for an unknown kind.
std::string schema_json(std::string_view kind);

/// The engine version, e.g. "0.1.0".
std::string_view version();

/// Runs `fn` and turns any exception that escapes it into an error report: the guard used at
/// every boundary so that no exception reaches a caller.
std::string guarded(const std::function<std::string()>& fn);

}  // namespace ballast
