// The validated, typed form of the three input documents (docs/architecture.md: the model).
// Everything here has passed the readers' checks: references are resolved to indices, amounts are
// below 2^256, decimals are wads. Plain copyable values; no pointers into the JSON text.
#pragma once

#include "ballast/numeric.h"
#include "ballast/venues.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace ballast {

/// An instant: seconds since 1970-01-01T00:00:00Z plus nanoseconds.
struct Time {
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;
  bool operator<(const Time& o) const { return seconds != o.seconds ? seconds < o.seconds : nanos < o.nanos; }
  bool operator==(const Time& o) const { return seconds == o.seconds && nanos == o.nanos; }
};

/// Parses "YYYY-MM-DDTHH:MM:SS[.fraction]Z" (RFC 3339, UTC only).
std::optional<Time> parse_time(std::string_view s);

/// How much a finding weighs: an error fails a check, a warning does not.
enum class Severity { Error, Warning };

/// What every rule object may carry: its optional id, severity, and its JSON pointer in the case.
struct RuleMeta {
  std::string id;
  Severity severity = Severity::Error;
  std::string path;  // e.g. "/policy/limits/0"
};

/// One holding of the treasury, with its oracle price.
struct Asset {
  std::string id;
  std::string chain;
  std::string address;  // lower-case, or empty
  unsigned decimals = 18;
  Int balance;
  Int price;  // wad of numeraire per whole token
  std::vector<std::string> tags;
};

/// value(asset) of docs/semantics.md: floor(balance × price_wad / 10^decimals), in numeraire wad.
inline Int asset_value(const Int& balance, const Int& price, unsigned decimals) {
  return div_pow10(balance * price, decimals);
}

/// A market a swap can use, with its exact state.
struct Venue {
  std::string id;
  std::string kind;                 // "uniswap_v2", "limit_order", ...
  std::vector<std::size_t> tokens;  // asset indices, in the venue's token order (empty: any pair)
  VenueState state;
};

/// An executed action, for rolling budgets and cooldowns.
struct HistoryEntry {
  Time at;
  std::string kind;  // "swap" or "transfer"
  Int value;         // wad
  Int loss;          // wad, may be negative (a gain)
};

/// A snapshot of holdings and markets (`treasury/1`).
struct Treasury {
  Time as_of;
  std::string numeraire;
  std::optional<std::string> account;  // lower-case: the address that holds the assets and executes calls
  std::optional<long long> chain_id;    // the chain of the snapshot and its calls
  std::vector<Asset> assets;
  std::vector<Venue> venues;
  std::optional<Int> monthly_opex;          // wad
  std::map<std::string, Int> liabilities;   // wad
  std::vector<HistoryEntry> history;
};

/// A target weight with its band (`policy.targets[]`).
struct Target {
  std::string select;
  long long weight_bps = 0;
  long long band_bps = 0;
  RuleMeta meta;
};

/// A cap or minimum on a selector's weight, optionally within a group (`policy.limits[]`).
struct Limit {
  std::string select;
  std::optional<std::string> of;
  std::optional<long long> max_bps;
  std::optional<long long> min_bps;
  RuleMeta meta;
};

/// A runway or value floor (`policy.floors[]`).
struct Floor {
  std::string select;
  std::optional<Int> min_months;  // wad
  std::optional<Int> min_value;   // wad
  RuleMeta meta;
};

/// A minimum ratio of a selector's value to a liability (`policy.backing[]`).
struct Backing {
  std::string select;
  std::string liability;
  long long min_ratio_bps = 0;
  RuleMeta meta;
};

/// A rule with a numeric threshold: its value and where it sits in the policy.
template <typename T>
struct Threshold {
  T value{};
  RuleMeta meta;
};

/// A rolling budget of traded value (`policy.execution.budgets[]`).
struct Budget {
  long long window_hours = 0;
  Int max_value;  // wad
  RuleMeta meta;
};

/// A rolling budget of value lost against the oracle, in bps of NAV.
struct LossBudget {
  long long window_hours = 0;
  long long max_bps = 0;
  RuleMeta meta;
};

/// The rules on how trades are executed (`policy.execution`).
struct Execution {
  std::optional<Threshold<std::vector<std::string>>> venues_allow;
  std::optional<Threshold<Int>> max_trade_value;
  std::optional<Threshold<Int>> max_proposal_value;
  std::vector<Budget> budgets;
  std::optional<LossBudget> loss_budget;
  std::optional<Threshold<long long>> max_loss_bps;
  std::optional<Threshold<long long>> max_price_impact_bps;
  std::optional<Threshold<long long>> max_slippage_bps;
  std::optional<Threshold<bool>> require_min_out;
  std::optional<Threshold<long long>> max_pool_share_bps;
  std::optional<Threshold<long long>> max_oracle_deviation_bps;
  std::optional<Threshold<long long>> cooldown_hours;
  std::optional<Threshold<bool>> rebalance_only;
};

/// A price change applied to the assets a selector matches.
struct Shock {
  std::string select;
  long long change_bps = 0;
};

/// Rule families a stress scenario may re-check.
enum class Family { Targets, Limits, Floors, Backing };

/// A set of shocks and the rule families re-checked under them.
struct StressScenario {
  std::string name;
  std::vector<Shock> shocks;
  std::vector<Family> check;
  RuleMeta meta;
};

/// The written policy (`policy/1`).
struct Policy {
  std::string name;
  std::string numeraire;
  std::vector<Target> targets;
  std::vector<Limit> limits;
  std::vector<Floor> floors;
  std::vector<Backing> backing;
  std::optional<Threshold<std::vector<std::string>>> assets_allow;
  std::optional<Threshold<std::vector<std::string>>> recipients_allow;  // lower-case addresses
  Execution execution;
  std::vector<StressScenario> stress;
};

/// A swap on a venue: exact input (`amount` is amount_in, `bound` min_amount_out) or exact output
/// (`amount` is amount_out, `bound` max_amount_in).
struct SwapAction {
  std::size_t venue = 0;
  std::size_t sell = 0;
  std::size_t buy = 0;
  bool exact_in = true;
  Int amount;
  std::optional<Int> bound;
};

/// A transfer of an asset out of the treasury.
struct TransferAction {
  std::size_t asset = 0;
  Int amount;
  std::string to;  // lower-case address
};

/// Which kind of action.
enum class ActionType { Swap, Transfer };

/// Where an action came from: a JSON pointer into the case ("/proposal/actions/0"). Actions
/// imported from calldata will name their call here as well.
struct Origin {
  std::string path;
};

/// One step of a proposal. New kinds (approve, wrap, unwrap, call, multi-hop routes) are new
/// alternatives of `op`.
struct Action {
  std::variant<SwapAction, TransferAction> op;
  Origin origin;

  ActionType type() const { return std::holds_alternative<SwapAction>(op) ? ActionType::Swap : ActionType::Transfer; }
  const SwapAction* swap() const { return std::get_if<SwapAction>(&op); }
  const TransferAction* transfer() const { return std::get_if<TransferAction>(&op); }
  const std::string& path() const { return origin.path; }
};

/// A weight the proposal claims to produce (`proposal.allocation[]`).
struct AllocationClaim {
  std::string select;
  long long weight_bps = 0;
  long long tolerance_bps = 0;
  RuleMeta meta;
};

/// The proposed batch (`proposal/1`).
struct Proposal {
  std::string id;
  std::string title;
  std::optional<Time> submitted_at;
  std::vector<Action> actions;
  std::vector<AllocationClaim> allocation;
};

/// The three documents of one check, validated against each other.
struct Case {
  Policy policy;
  Treasury treasury;
  Proposal proposal;
};

/// The three documents of a check by reference: what evaluation reads, so that documents read
/// once (prepare_documents) serve many proposals without being copied.
struct CaseRef {
  const Policy& policy;
  const Treasury& treasury;
  const Proposal& proposal;
  CaseRef(const Policy& p, const Treasury& t, const Proposal& q) : policy(p), treasury(t), proposal(q) {}
  CaseRef(const Case& c) : CaseRef(c.policy, c.treasury, c.proposal) {}  // NOLINT: implicit on purpose
};

}  // namespace ballast
