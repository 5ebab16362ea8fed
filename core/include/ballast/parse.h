// Strict parsing and validation of the documents (the README, Documents) into the typed model.
// Every error found is collected; nothing throws.
#pragma once

#include "ballast/diagnostics.h"
#include "ballast/json.h"
#include "ballast/model.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ballast {

/// Limits on input size and shape (the README, Documents, arithmetic and errors). Beyond them: `limit.too_large`.
struct CheckLimits {
  std::size_t max_bytes = 16u << 20;
  std::size_t max_depth = 64;
  std::size_t max_assets = 10000;
  std::size_t max_actions = 1000;
  std::size_t max_venues = 1000;
  std::size_t max_ticks = 20000;
  std::size_t max_stress = 100;
  std::size_t max_history = 100000;
  std::size_t max_list = 10000;  // rules of one kind, tags, allow-list entries, shocks
};

/// A parsed value or the input errors that prevented it.
template <typename T>
struct Parsed {
  std::optional<T> value;
  std::vector<Diagnostic> errors;
};

/// A case document (`case/1`) bundling policy, treasury and proposal.
Parsed<Case> parse_case(std::string_view case_json, const CheckLimits& limits = {});

/// The three documents given separately.
Parsed<Case> parse_documents(std::string_view policy_json, std::string_view treasury_json,
                             std::string_view proposal_json, const CheckLimits& limits = {});

/// Policy and treasury only (for `status`); the proposal is empty.
Parsed<Case> parse_status_documents(std::string_view policy_json, std::string_view treasury_json,
                                    const CheckLimits& limits = {});

/// A policy and a treasury read and cross-checked once, to check many proposals against them (a
/// portal re-checking on every keystroke, several proposals in one run). Cheap to copy; immutable,
/// so one may serve several threads.
class Prepared {
 public:
  struct State;
  explicit Prepared(std::shared_ptr<const State> state) : state_(std::move(state)) {}
  const State& state() const { return *state_; }

 private:
  std::shared_ptr<const State> state_;
};

/// Reads the policy and the treasury. Always gives a Prepared; when either is invalid its errors
/// are listed, and parse_prepared reports them (with the proposal's) as parse_documents would.
Prepared prepare_documents(std::string_view policy_json, std::string_view treasury_json,
                           const CheckLimits& limits = {});

/// The errors of the prepared policy and treasury (empty when both are valid).
const std::vector<Diagnostic>& prepared_errors(const Prepared& prepared);

/// The prepared policy and treasury (with an empty proposal), or nullptr when either is invalid.
const Case* prepared_case(const Prepared& prepared);

/// This proposal read against the prepared treasury: with prepared_case, the same case and errors
/// as parse_documents on the three texts, without reading the policy and treasury again.
Parsed<Proposal> parse_prepared(const Prepared& prepared, std::string_view proposal_json);

/// One policy/1 document alone, its errors under the document name `document` ("old", "new").
Parsed<Policy> parse_policy(std::string_view policy_json, const std::string& document,
                            const CheckLimits& limits = {});

/// One treasury/1 document alone (to import calls against it).
Parsed<Treasury> parse_treasury(std::string_view treasury_json, const CheckLimits& limits = {});

/// A treasury and a proposal on it, without a policy (to export the proposal as calls).
struct TreasuryProposal {
  Treasury treasury;
  Proposal proposal;
};
/// Reads both; the proposal's references resolved against the treasury, errors as parse_documents gives them.
Parsed<TreasuryProposal> parse_treasury_proposal(std::string_view treasury_json, std::string_view proposal_json,
                                                 const CheckLimits& limits = {});

/// Result of validating one document of any kind.
struct Validation {
  std::string kind;  // the document's "ballast" value when readable, e.g. "policy/1"
  std::vector<Diagnostic> errors;
};

/// Validates a single document of any kind. Proposals alone are checked for shape only;
/// references to assets and venues are checked when the proposal is inside a case.
Validation validate_document(std::string_view json, const CheckLimits& limits = {});

/// A document kind this version reads or writes: the one list that parsing, validation, the
/// schemas, the CLI's usage and the npm package draw from.
struct DocumentKind {
  const char* name;     // "policy"
  const char* tag;      // "policy/1", the value of its "ballast" field
  bool input;           // read by check, status, validate; false: written by Ballast
  const char* summary;  // one line
};

/// Every document kind, inputs first.
const std::vector<DocumentKind>& document_kinds();
/// The kind with this name or tag ("policy" or "policy/1"), or nullptr.
const DocumentKind* find_document_kind(std::string_view name_or_tag);
/// The kinds' names joined by `sep` ("policy|treasury|...").
std::string document_kind_names(const char* sep);

}  // namespace ballast
