// The planner's private parts (core/src/plan/): the Planner that plan.cpp (tranches) and
// trades.cpp (what to trade) share. The public interface is ballast/plan.h.
#pragma once

#include "../sim/valuation.h"
#include "ballast/evaluate.h"
#include "ballast/plan.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ballast::planning {

constexpr std::size_t kMaxTranches = 20;
constexpr int kMaxTimeSteps = 64;     // waits for a budget or cooldown to free, over the whole plan
constexpr long long kScaleSteps = 1024;  // a tranche is cut down in steps of 1/1024 of its size
constexpr long long kDefaultSlippageBps = 50;
constexpr std::int64_t kHour = 3600;

// A trade of the tranche before routing: sell `amount` of `sell` for `buy` on `venues` (with their
// caps).
struct Pair {
  std::size_t sell = 0, buy = 0;
  Int amount = 0;
  std::vector<Candidate> venues;
  std::vector<std::size_t> route;  // a pair with no direct pool: two venues through `via`
  std::size_t via = 0;
};

// A candidate pair of member assets: the venues between them (or a route), and what they can take.
struct Option {
  std::size_t a = 0, b = 0;
  Int capacity;  // wad: what the venues take within their caps, at the oracle price
  std::vector<Candidate> venues;
  std::vector<std::size_t> route;
  std::size_t via = 0;
};

/// The planner of one policy and treasury (docs/planner.md).
class Planner {
 public:
  Planner(const Policy& p, const Treasury& t, const PlanOptions& o)
      : policy_(p), strict_(p), original_(t), options_(o), book_(t.assets, p, empty_) {
    for (const auto& a : t.assets) prices_.push_back(a.price);
    auto& ro = strict_.execution.rebalance_only;
    if (!ro) ro = Threshold<bool>{true, RuleMeta{"", Severity::Error, "/policy/execution/rebalance_only"}};
    ro->value = true;
    ro->meta.severity = Severity::Error;
  }

  Plan run();

 private:
  sim::Snapshot snapshot(const std::vector<Int>& balances) const { return sim::Snapshot(book_, balances, prices_); }
  bool done(const sim::Snapshot& s) const;
  // The value (wad) each target should sell (positive) or buy (negative) from state `s`.
  std::vector<Int> moves(const sim::Snapshot& s) const;
  std::vector<Pair> pairs(const Treasury& t, const sim::Snapshot& s, std::vector<Unreached>& unreached);
  std::vector<Option> member_options(const Treasury& t, const Target& from, const Target& to,
                                     const std::vector<Int>& left) const;
  std::optional<Option> route_option(const Treasury& t, const std::vector<std::size_t>& sellable,
                                     const std::vector<bool>& can_buy, const std::vector<Int>& left) const;
  void share(const Treasury& t, const std::vector<Option>& options, Int& value, std::vector<Int>& left,
             std::map<std::pair<std::size_t, std::size_t>, Pair>& found) const;
  std::vector<Candidate> venues_for(const Treasury& t, std::size_t sell, std::size_t buy, const Int& amount) const;
  bool venue_allowed(const Venue& v) const;
  // The assets an allowed venue with a curve trades against `asset` (the native coin through its
  // wrapped token), ascending.
  const std::vector<std::size_t>& neighbours(const Treasury& t, std::size_t asset) const;
  bool buy_allowed(std::size_t asset) const;
  Proposal tranche_proposal(const Treasury& t, const std::vector<Pair>& pairs, long long scale, Time at,
                            std::vector<Routing>* routing) const;
  // Tranches are checked under the policy with rebalance_only on (SPEC 13: every swap lowers total
  // drift): the same rules plus that one, so what passes it passes the policy itself.
  Report check(const Treasury& t, const Proposal& p) const { return evaluate(CaseRef(strict_, t, p)); }
  std::vector<Pair> refine(const Treasury& t, std::vector<Pair> pairs, Time at) const;
  std::optional<Time> next_time(const Treasury& t, Time now) const;
  long long passing_scale(const Treasury& t, const std::vector<Pair>& ps, Time at, std::set<std::string>& failed,
                          std::vector<Unreached>& why, Proposal& chosen, std::vector<Routing>& routing) const;
  void remember_trades(const Plan& plan);
  void finish(Plan& plan, const Treasury& state, const Frac& drift0, std::vector<Unreached> unreached) const;
  void note(std::vector<Unreached>& u, Unreached x) const;

  const Policy& policy_;
  Policy strict_;  // policy_ with rebalance_only on, as an error
  const Treasury& original_;
  const PlanOptions& options_;
  const Proposal empty_{};
  sim::Book book_;
  std::vector<Int> prices_;
  std::set<std::size_t> sold_, bought_;  // across the whole plan: no asset is both
  mutable std::map<std::pair<std::size_t, std::size_t>, std::vector<Candidate>> caps_;  // venues_for, by pair
  mutable std::vector<std::vector<std::size_t>> neighbours_;                            // built on first use
};

}  // namespace ballast::planning
