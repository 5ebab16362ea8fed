// The validated, typed form of the three input documents. Everything here has passed the
// parser's checks: references are resolved to indices, amounts are below 2^256, decimals are
// wads. Plain copyable values; no pointers into the JSON text.
#pragma once

#include "ballast/numeric.h"
#include "ballast/venues.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
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

enum class Severity { Error, Warning };

/// What every rule object may carry: its optional id, severity, and its JSON pointer in the case.
struct RuleMeta {
  std::string id;
  Severity severity = Severity::Error;
  std::string path;  // e.g. "/policy/limits/0"
};

struct Asset {
  std::string id;
  std::string chain;
  std::string address;  // lower-case, or empty
  unsigned decimals = 18;
  Int balance;
  Int price;  // wad of numeraire per whole token
  std::vector<std::string> tags;
};

/// value(asset) of SPEC section 3: floor(balance × price_wad / 10^decimals), in numeraire wad.
inline Int asset_value(const Int& balance, const Int& price, unsigned decimals) {
  return div_pow10(balance * price, decimals);
}

struct Venue {
  std::string id;
  std::string kind;                 // "uniswap_v2", "limit_order", ...
  std::vector<std::size_t> tokens;  // asset indices, in the venue's token order (empty: any pair)
  VenueState state;
};

struct HistoryEntry {
  Time at;
  std::string kind;  // "swap" or "transfer"
  Int value;         // wad
  Int loss;          // wad, may be negative (a gain)
};

struct Treasury {
  Time as_of;
  std::string numeraire;
  std::vector<Asset> assets;
  std::vector<Venue> venues;
  std::optional<Int> monthly_opex;          // wad
  std::map<std::string, Int> liabilities;   // wad
  std::vector<HistoryEntry> history;
};

struct Target {
  std::string select;
  long long weight_bps = 0;
  long long band_bps = 0;
  RuleMeta meta;
};

struct Limit {
  std::string select;
  std::optional<std::string> of;
  std::optional<long long> max_bps;
  std::optional<long long> min_bps;
  RuleMeta meta;
};

struct Floor {
  std::string select;
  std::optional<Int> min_months;  // wad
  std::optional<Int> min_value;   // wad
  RuleMeta meta;
};

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

struct Budget {
  long long window_hours = 0;
  Int max_value;  // wad
  RuleMeta meta;
};

struct LossBudget {
  long long window_hours = 0;
  long long max_bps = 0;
  RuleMeta meta;
};

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

struct Shock {
  std::string select;
  long long change_bps = 0;
};

/// Rule families a stress scenario may re-check.
enum class Family { Targets, Limits, Floors, Backing };

struct StressScenario {
  std::string name;
  std::vector<Shock> shocks;
  std::vector<Family> check;
  RuleMeta meta;
};

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

struct SwapAction {
  std::size_t venue = 0;
  std::size_t sell = 0;
  std::size_t buy = 0;
  bool exact_in = true;
  Int amount;                // amount_in (exact input) or amount_out (exact output)
  std::optional<Int> bound;  // min_amount_out (exact input) or max_amount_in (exact output)
};

struct TransferAction {
  std::size_t asset = 0;
  Int amount;
  std::string to;  // lower-case address
};

struct Action {
  enum class Type { Swap, Transfer } type = Type::Swap;
  SwapAction swap;
  TransferAction transfer;
  std::string path;  // e.g. "/proposal/actions/0"
};

struct AllocationClaim {
  std::string select;
  long long weight_bps = 0;
  long long tolerance_bps = 0;
  RuleMeta meta;
};

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

}  // namespace ballast
