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

/// Writes a time as parse_time reads it ("2026-11-30T22:00:00Z"; a fraction only when non-zero),
/// for years 0000 to 9999.
std::string format_time(const Time& t);

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
  bool native = false;  // the chain's coin (ETH): no address; at most one asset
};

/// value(asset) of docs/semantics.md: floor(balance × price_wad / 10^decimals), in numeraire wad.
inline Int asset_value(const Int& balance, const Int& price, unsigned decimals) {
  return mul_div_pow10(balance, price, decimals);
}

/// The `exchange` signature family of a Curve pool (SPEC 11.1 `template`): `exchange(int128,
/// int128,uint256,uint256)`, the same with an optional receiver (stableswap-NG), or uint256 indices.
enum class CurveTemplate { Plain, Ng, Crypto };

/// A market a swap can use, with its exact state.
struct Venue {
  std::string id;
  std::string kind;                 // "uniswap_v2", "limit_order", ...
  std::vector<std::size_t> tokens;  // asset indices, in the venue's token order (empty: any pair)
  VenueState state;
  std::string address;              // the pool or pair contract, lower-case, or empty
  CurveTemplate curve_template = CurveTemplate::Plain;
};

/// What a contract calls may target is (`treasury.contracts[].kind`).
enum class ContractKind {
  UniswapV2Router,
  UniswapV3SwapRouter,
  UniswapSwapRouter02,
  UniswapUniversalRouter,
  SafeMultiSend,
  SafeMultiSendCallOnly,
  CowSettlement,
  Weth,
  Governor,
  GovernorBravo,
};

/// A contract calls may target: where, what, and its version where the layout depends on it
/// (the Universal Router's "1.2", "2.0", "2.1.1"; a MultiSend's "1.5.0").
struct Contract {
  std::string address;  // lower-case
  ContractKind kind = ContractKind::Weth;
  std::string version;
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
  std::optional<long long> block;       // the block a chain snapshot was read at
  std::vector<Asset> assets;
  std::vector<Venue> venues;
  std::vector<Contract> contracts;            // as listed; the chain's built-in ones are added by contracts_of
  std::optional<std::size_t> native_asset;    // the asset marked native
  std::optional<std::size_t> wrapped_native;  // the asset at the chain's WETH address
  std::optional<Int> monthly_opex;          // wad
  std::map<std::string, Int> liabilities;   // wad
  std::vector<HistoryEntry> history;
};

/// The asset venue `v` trades in place of `asset`: the wrapped native token (WETH) for the native
/// coin when the venue lists only the wrapped one (routers wrap and unwrap on the way), else `asset`.
inline std::size_t traded_as(const Treasury& t, const Venue& v, std::size_t asset) {
  if (!t.native_asset || asset != *t.native_asset || !t.wrapped_native) return asset;
  bool lists_native = false, lists_wrapped = false;
  for (std::size_t k : v.tokens) {
    lists_native = lists_native || k == asset;
    lists_wrapped = lists_wrapped || k == *t.wrapped_native;
  }
  return lists_wrapped && !lists_native ? *t.wrapped_native : asset;
}

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
  std::optional<Threshold<bool>> allow_leftover_approvals;
};

/// A call the policy lets through (`policy.calls.allow[]`): a target and a selector.
struct AllowedCall {
  std::string to;           // lower-case address
  std::uint32_t selector = 0;
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
  std::optional<Threshold<std::vector<AllowedCall>>> calls_allow;
  Execution execution;
  std::vector<StressScenario> stress;
};

/// A swap on a venue, or along a route of venues: exact input (`amount` is amount_in, `bound`
/// min_amount_out) or exact output (`amount` is amount_out, `bound` max_amount_in).
struct SwapAction {
  std::size_t venue = 0;  // the first venue of a route
  std::size_t sell = 0;
  std::size_t buy = 0;
  bool exact_in = true;
  Int amount;
  std::optional<Int> bound;
  std::vector<std::size_t> route;  // multi-hop: every venue in trade order (empty for one venue)
  std::vector<std::size_t> via;    // multi-hop: the assets between the hops (route.size() - 1)
  std::optional<std::string> recipient;  // lower-case; absent: the treasury's account
  std::optional<Time> deadline;          // the router's: the swap reverts after it
  std::optional<std::string> spender;    // the contract that pulls the input (the router): spends its allowance

  /// The venues in trade order: the route, or the one venue.
  std::vector<std::size_t> venues() const { return route.empty() ? std::vector<std::size_t>{venue} : route; }
  /// The asset hop `k` sells and the one it buys.
  std::size_t hop_sell(std::size_t k) const { return k == 0 ? sell : via[k - 1]; }
  std::size_t hop_buy(std::size_t k) const { return k + 1 >= venues().size() ? buy : via[k]; }
};

/// A transfer of an asset out of the treasury.
struct TransferAction {
  std::size_t asset = 0;
  Int amount;
  std::string to;  // lower-case address
};

/// An ERC-20 allowance granted to a spender (it replaces the previous one).
struct ApproveAction {
  std::size_t asset = 0;
  std::string spender;  // lower-case address
  Int amount;
};

/// Native coin into its wrapped token (`wrap`), or back (`unwrap`), 1:1.
struct WrapAction {
  bool unwrap = false;
  Int amount;
};

/// A call Ballast does not simulate: it can change anything, which is why it is a finding.
struct CallAction {
  std::string to;  // lower-case address
  Int value;
  std::optional<std::uint32_t> selector;  // absent: empty calldata
  bool delegatecall = false;
  std::string unverifiable;  // a pre-signed order whose terms cannot be verified: why
};

/// Which kind of action.
enum class ActionType { Swap, Transfer, Approve, Wrap, Unwrap, Call };

/// Where an action came from: its JSON pointer in the case ("/proposal/actions/0"), and for an
/// action imported from calldata, the pointer of its call in the imported file
/// ("/transactions/3/multisend/1").
struct Origin {
  std::string path;
  std::string call;
};

/// One step of a proposal.
struct Action {
  std::variant<SwapAction, TransferAction, ApproveAction, WrapAction, CallAction> op;
  Origin origin;

  ActionType type() const {
    switch (op.index()) {
      case 0: return ActionType::Swap;
      case 1: return ActionType::Transfer;
      case 2: return ActionType::Approve;
      case 3: return std::get<WrapAction>(op).unwrap ? ActionType::Unwrap : ActionType::Wrap;
      default: return ActionType::Call;
    }
  }
  const SwapAction* swap() const { return std::get_if<SwapAction>(&op); }
  const TransferAction* transfer() const { return std::get_if<TransferAction>(&op); }
  const ApproveAction* approve() const { return std::get_if<ApproveAction>(&op); }
  const WrapAction* wrap() const { return std::get_if<WrapAction>(&op); }
  const CallAction* call() const { return std::get_if<CallAction>(&op); }
  const std::string& path() const { return origin.path; }
};

/// The name of an action type in proposal/1 ("swap", "transfer", "approve", "wrap", "unwrap", "call").
const char* action_type_name(ActionType t);

/// Where an imported proposal came from, for the rules about the file itself.
struct ImportSource {
  std::string format;                  // "tx-builder" or "calls/1"
  std::optional<bool> checksum_valid;  // a Tx Builder file with a checksum: whether it matches
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
  std::optional<ImportSource> source;
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
