// The planner (SPEC section 13, docs/planner.md): what to trade, routed at the optimum, in tranches
// that each pass the checker against the state they will meet.
//
// One tranche: the value each target must move (goal edge or target, on the current NAV); sellers
// paired with buyers; for each pair the assets to sell and buy (the deepest allowed pair of
// members); each trade split across the venues by split_trade within the per-swap caps; a second
// and third pass add what the first one's losses left short. The tranche is then checked by the
// evaluator itself; when it fails, the largest passing fraction of it is found by bisection, and
// the rules that failed at full size say what is unreached and when the next tranche may come.
#include "ballast/plan.h"

#include "../sim/valuation.h"
#include "ballast/evaluate.h"

#include <algorithm>
#include <map>
#include <set>

namespace ballast {

namespace {

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

Time plus_seconds(Time t, std::int64_t s) {
  t.seconds += s;
  return t;
}

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

// edge: every target within its band; target: within 1 bp of its weight.
bool Planner::done(const sim::Snapshot& s) const {
  for (const Target& t : policy_.targets) {
    const Frac d = abs(sim::deviation(s, t));
    const long long limit = options_.goal == PlanGoal::Edge ? t.band_bps : std::min<long long>(1, t.band_bps);
    if (compare(d, Frac{limit, 10000}) > 0) return false;
  }
  return true;
}

std::vector<Int> Planner::moves(const sim::Snapshot& s) const {
  const Int& nav = s.nav();
  const std::size_t n = policy_.targets.size();
  std::vector<Int> move(n, Int(0));
  // Aim (in 1/100 000 of NAV): edge 10 % of the band inside the nearer edge, target the weight.
  auto aim = [&](const Target& t, int side) {  // side +1: from above, -1: from below
    const long long inside = options_.goal == PlanGoal::Edge ? t.band_bps * 9 : 0;
    return Int(nav * (t.weight_bps * 10 + side * inside) / 100000);
  };
  Int sell = 0, buy = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const Target& t = policy_.targets[k];
    const Frac d = sim::deviation(s, t);
    const Int v = s.value(t.select);
    const bool out = options_.goal == PlanGoal::Target ? compare(abs(d), Frac{1, 10000}) > 0
                                                       : compare(abs(d), Frac{t.band_bps, 10000}) > 0;
    if (!out) continue;
    move[k] = d.num > 0 ? Int(v - aim(t, 1)) : Int(v - aim(t, -1));
    if (move[k] > 0) sell += move[k]; else buy -= move[k];
  }
  // The side with less to move takes more from targets with room, first toward their weight,
  // then up to 10 % inside their band; what remains is cut from the larger side.
  const int tiers = options_.goal == PlanGoal::Edge ? 2 : 1;  // goal target: never past a weight
  for (int tier = 0; tier < tiers && sell != buy; ++tier) {
    for (std::size_t k = 0; k < n && sell != buy; ++k) {
      const Target& t = policy_.targets[k];
      const Int v = s.value(t.select);
      const long long inside = tier == 0 ? 0 : t.band_bps * 9;
      if (sell > buy && move[k] <= 0) {  // room to buy
        Int room = nav * (t.weight_bps * 10 + inside) / 100000 - v + move[k];
        room = std::min<Int>(room, sell - buy);
        if (room > 0) { move[k] -= room; buy += room; }
      } else if (buy > sell && move[k] >= 0) {  // room to sell
        Int room = v - move[k] - nav * (t.weight_bps * 10 - inside) / 100000;
        room = std::min<Int>(room, buy - sell);
        if (room > 0) { move[k] += room; sell += room; }
      }
    }
  }
  Int excess = sell > buy ? Int(sell - buy) : Int(buy - sell);
  for (std::size_t k = n; k-- > 0 && excess > 0;) {
    if (sell > buy && move[k] > 0) {
      const Int cut = std::min<Int>(excess, move[k]);
      move[k] -= cut;
      excess -= cut;
    } else if (buy > sell && move[k] < 0) {
      const Int cut = std::min<Int>(excess, -move[k]);
      move[k] += cut;
      excess -= cut;
    }
  }
  return move;
}

bool Planner::venue_allowed(const Venue& v) const {
  const auto& allow = policy_.execution.venues_allow;
  return !allow || std::find(allow->value.begin(), allow->value.end(), v.id) != allow->value.end();
}

const std::vector<std::size_t>& Planner::neighbours(const Treasury& t, std::size_t asset) const {
  if (neighbours_.empty()) {
    std::vector<std::set<std::size_t>> n(t.assets.size());
    for (const Venue& v : t.venues) {
      if (!has_curve(v.state) || !venue_allowed(v)) continue;
      for (std::size_t x : v.tokens)
        for (std::size_t y : v.tokens)
          if (x != y) n[x].insert(y);
    }
    // The native coin trades wherever its wrapped token does, and is reached wherever it is.
    if (t.native_asset && t.wrapped_native) {
      const std::size_t eth = *t.native_asset, weth = *t.wrapped_native;
      n[eth].insert(n[weth].begin(), n[weth].end());
      for (std::size_t y : n[weth]) n[y].insert(eth);
      n[eth].erase(weth);
      n[weth].erase(eth);
    }
    for (const auto& set : n) neighbours_.emplace_back(set.begin(), set.end());
  }
  return neighbours_[asset];
}

bool Planner::buy_allowed(std::size_t asset) const {
  const auto& allow = policy_.assets_allow;
  return !allow || book_.any_match(asset, allow->value);
}

// The venues that trade `sell` for `buy` directly and may be used, with their caps at `amount`.
std::vector<Candidate> Planner::venues_for(const Treasury& t, std::size_t sell, std::size_t buy,
                                           const Int& amount) const {
  // Pools and rules are the same in every tranche (the arbitrage assumption): a pair's caps are
  // found once, at the first (largest) amount asked; a binding cap does not depend on the amount.
  auto known = caps_.find({sell, buy});
  if (known != caps_.end()) return known->second;
  std::vector<Candidate>& out = caps_[{sell, buy}];
  const Execution& e = policy_.execution;
  for (std::size_t v = 0; v < t.venues.size(); ++v) {
    const Venue& venue = t.venues[v];
    if (!has_curve(venue.state) || !venue_allowed(venue)) continue;
    const std::size_t a = traded_as(t, venue, sell), b = traded_as(t, venue, buy);
    if (a == b || std::find(venue.tokens.begin(), venue.tokens.end(), a) == venue.tokens.end() ||
        std::find(venue.tokens.begin(), venue.tokens.end(), b) == venue.tokens.end())
      continue;
    SwapAction s;
    s.venue = v;
    s.sell = sell;
    s.buy = buy;
    s.amount = amount;
    const PoolQuote q = quote_pool(t, s, venue.state);
    if (!q.mid || q.mid->num <= 0) continue;  // an empty pool
    // A pool whose price strays from the oracle's beyond the limit is skipped (it may be manipulated).
    if (e.max_oracle_deviation_bps && q.oracle_deviation &&
        compare(*q.oracle_deviation, Frac{e.max_oracle_deviation_bps->value, 10000}) > 0)
      continue;
    auto cap = max_passing(t, s, venue.state, q, sized_figure(e, true), Frac{1, 1});
    if (!cap || *cap <= 0) continue;
    out.push_back({v, *cap});
  }
  return out;
}

void Planner::note(std::vector<Unreached>& u, Unreached x) const {
  for (const auto& e : u)
    if (e.rule == x.rule && e.subject == x.subject) return;
  u.push_back(std::move(x));
}

// What to trade from state `s`: the targets' moves paired (largest first), and for each pair the
// member assets with the deepest allowed venues between them, within balances.
std::vector<Pair> Planner::pairs(const Treasury& t, const sim::Snapshot& s, std::vector<Unreached>& unreached) {
  const std::vector<Int> move = moves(s);
  struct Side {
    std::size_t target;
    Int value;
  };
  std::vector<Side> sellers, buyers;
  for (std::size_t k = 0; k < move.size(); ++k) {
    if (move[k] > 0) sellers.push_back({k, move[k]});
    if (move[k] < 0) buyers.push_back({k, -move[k]});
  }
  auto larger = [](const Side& a, const Side& b) { return a.value != b.value ? a.value > b.value : a.target < b.target; };
  std::sort(sellers.begin(), sellers.end(), larger);
  std::sort(buyers.begin(), buyers.end(), larger);
  std::vector<Int> left = s.balances();  // what is not yet planned to be sold
  std::map<std::pair<std::size_t, std::size_t>, Pair> found;
  std::size_t i = 0, j = 0;
  while (i < sellers.size() && j < buyers.size()) {
    Int value = std::min(sellers[i].value, buyers[j].value);
    const Target& from = policy_.targets[sellers[i].target];
    const Target& to = policy_.targets[buyers[j].target];
    sellers[i].value -= value;
    buyers[j].value -= value;
    // Candidate pairs of members, with the venues between them and their caps (at the whole
    // balance: a cap is the largest amount that passes, whatever is asked), most capacity first.
    struct Option {
      std::size_t a, b;
      Int capacity;  // wad: what the venues take within their caps, at the oracle price
      std::vector<Candidate> venues;
      std::vector<std::size_t> route;
      std::size_t via = 0;
    };
    std::vector<Option> options;
    const std::vector<std::size_t> sellable = book_.members(from.select), buyable = book_.members(to.select);
    std::vector<bool> can_buy(t.assets.size(), false), in_from(t.assets.size(), false);
    for (std::size_t a : sellable) in_from[a] = true;
    for (std::size_t b : buyable)
      can_buy[b] = !in_from[b] && !sold_.count(b) && prices_[b] > 0 && buy_allowed(b);  // in both: moves neither
    for (std::size_t a : sellable) {
      if (bought_.count(a) || left[a] <= 0 || prices_[a] <= 0) continue;
      for (std::size_t b : neighbours(t, a)) {  // only assets an allowed pool trades against a
        if (!can_buy[b]) continue;
        std::vector<Candidate> venues = venues_for(t, a, b, left[a]);
        Int cap = 0;
        for (const Candidate& c : venues) cap += c.cap;
        if (cap > 0) options.push_back({a, b, asset_value(cap, prices_[a], t.assets[a].decimals), std::move(venues), {}, 0});
      }
    }
    // Multi-hop only where no direct pool is allowed: one route through the hub asset whose two
    // hops (the largest-capacity venue of each) take the most.
    if (options.empty()) {
      std::optional<Option> best;
      for (std::size_t a : sellable) {
        if (bought_.count(a) || left[a] <= 0 || prices_[a] <= 0) continue;
        for (std::size_t h : neighbours(t, a)) {
          if (prices_[h] <= 0) continue;
          for (std::size_t b : neighbours(t, h)) {
            if (b == a || !can_buy[b]) continue;
            auto widest = [](const std::vector<Candidate>& c) {
              return std::max_element(c.begin(), c.end(), [](const Candidate& x, const Candidate& y) { return x.cap < y.cap; });
            };
            const std::vector<Candidate> first = venues_for(t, a, h, left[a]);
            if (first.empty()) continue;
            const auto v1 = widest(first);
            const Int mid = v1->cap * prices_[a] / pow10(t.assets[a].decimals) * pow10(t.assets[h].decimals) / prices_[h];
            const std::vector<Candidate> second = venues_for(t, h, b, mid > 0 ? mid : Int(1));
            if (second.empty()) continue;
            const auto v2 = widest(second);
            const Int cap = std::min(asset_value(v1->cap, prices_[a], t.assets[a].decimals),
                                     asset_value(v2->cap, prices_[h], t.assets[h].decimals));
            if (cap > 0 && (!best || cap > best->capacity))
              best = Option{a, b, cap, {{v1->venue, v1->cap}}, {v1->venue, v2->venue}, h};
          }
        }
      }
      if (best) options.push_back(std::move(*best));
    }
    std::stable_sort(options.begin(), options.end(), [](const Option& x, const Option& y) { return x.capacity > y.capacity; });
    Int total = 0;
    for (const Option& o : options) total += o.capacity;
    // Shares in proportion to capacity (all of it when the capacity is short), then what balances
    // left over to the options in order.
    const Int wanted = value;
    for (int pass = 0; pass < 2; ++pass) {
      for (const Option& o : options) {
        if (value <= 0) break;
        if (bought_.count(o.a) || sold_.count(o.b) || left[o.a] <= 0) continue;
        Int share = pass == 1 && o.route.empty() ? value : total > wanted ? Int(wanted * o.capacity / total) : o.capacity;
        share = std::min(share, value);
        const Asset& a = t.assets[o.a];
        // ceil(share × 10^decimals / price), within what is left of the balance
        Int amount = std::min<Int>((share * pow10(a.decimals) + prices_[o.a] - 1) / prices_[o.a], left[o.a]);
        if (amount <= 0) continue;
        left[o.a] -= amount;
        value -= std::min<Int>(value, asset_value(amount, prices_[o.a], a.decimals));
        Pair& pair = found[{o.a, o.b}];
        pair.sell = o.a;
        pair.buy = o.b;
        pair.amount += amount;
        pair.venues = o.venues;
        pair.route = o.route;
        pair.via = o.via;
      }
    }
    for (const auto& [key, pair] : found) {
      sold_.insert(key.first);
      bought_.insert(key.second);
    }
    if (value > 0) {
      Message m;
      m << "no allowed venue (or no balance left) to move " << Figure::value(value) << " " << t.numeraire
        << " from " << from.select << " to " << to.select;
      note(unreached, {"target.drift", options.empty() ? from.select : to.select, m});
    }
    if (sellers[i].value == 0) ++i;
    if (buyers[j].value == 0) ++j;
  }
  std::vector<Pair> out;
  for (auto& [key, pair] : found) out.push_back(std::move(pair));
  return out;
}

// The proposal of a tranche at `scale`/1024 of the pairs' amounts: each pair split across its
// venues; min_amount_out from the slippage limit.
Proposal Planner::tranche_proposal(const Treasury& t, const std::vector<Pair>& pairs, long long scale, Time at,
                                   std::vector<Routing>* routing) const {
  Proposal p;
  p.submitted_at = at;
  const MarketState m = MarketState::of(t);
  const Execution& e = policy_.execution;
  const long long slip = e.max_slippage_bps ? e.max_slippage_bps->value : kDefaultSlippageBps;
  auto add = [&p](SwapAction s) {
    Action a;
    a.op = std::move(s);
    a.origin.path = "/proposal/actions/" + std::to_string(p.actions.size());
    p.actions.push_back(std::move(a));
  };
  for (const Pair& pair : pairs) {
    Int amount = pair.amount * scale / kScaleSteps;
    if (amount <= 0) continue;
    if (!pair.route.empty()) {  // one route, not split, within its first hop's cap
      SwapAction s;
      s.venue = pair.route.front();
      s.route = pair.route;
      s.via = {pair.via};
      s.sell = pair.sell;
      s.buy = pair.buy;
      s.amount = std::min(amount, pair.venues.front().cap);
      MarketState work = m;
      const ActionOutcome o = apply_route(t, work, s);
      if (!o.ok || !o.swap) continue;
      s.bound = slippage_bound(true, o.swap->result.amount_out, slip);
      if (*s.bound > 0) add(std::move(s));
      continue;
    }
    const Split split = split_trade(t, m, pair.sell, pair.buy, amount, pair.venues);
    if (routing && !split.legs.empty()) routing->push_back({pair.sell, pair.buy, split.marginal, split.legs});
    for (const SplitLeg& leg : split.legs) {
      SwapAction s;
      s.venue = leg.venue;
      s.sell = pair.sell;
      s.buy = pair.buy;
      s.amount = leg.amount_in;
      s.bound = slippage_bound(true, leg.amount_out, slip);
      if (*s.bound > 0) add(std::move(s));
    }
  }
  return p;
}

// The pairs' amounts grown by what the first pass's losses left short: plan again from the state
// the tranche leaves and add the moves that go the same way (never a reversal).
std::vector<Pair> Planner::refine(const Treasury& t, std::vector<Pair> pairs, Time at) const {
  for (int pass = 0; pass < 2; ++pass) {
    const Proposal p = tranche_proposal(t, pairs, kScaleSteps, at, nullptr);
    MarketState m = MarketState::of(t);
    for (const Action& a : p.actions)
      if (!apply_action(t, m, a).ok) return pairs;
    const sim::Snapshot after = snapshot(m.balances);
    const std::vector<Int> more = moves(after);
    bool grew = false;
    for (Pair& pair : pairs) {
      // the shortfall of the selling target, in the sold asset, shared by the pairs selling for it
      for (std::size_t k = 0; k < policy_.targets.size(); ++k) {
        if (more[k] <= 0 || !sim::matches(t.assets[pair.sell], policy_.targets[k].select)) continue;
        Int add = (more[k] * pow10(t.assets[pair.sell].decimals) + prices_[pair.sell] - 1) / prices_[pair.sell];
        add = add / static_cast<long long>(pairs.size());
        const Int room = m.balances[pair.sell];
        add = std::min(add, room);
        if (add > 0) { pair.amount += add; grew = true; }
        break;
      }
    }
    if (!grew) break;
  }
  return pairs;
}

// The earliest time after `now` at which a budget window or the cooldown frees: when a history
// entry leaves a window, or when the cooldown since the last swap ends.
std::optional<Time> Planner::next_time(const Treasury& t, Time now) const {
  std::optional<Time> best;
  auto consider = [&](Time c) {
    if (now < c && (!best || c < *best)) best = c;
  };
  const Execution& e = policy_.execution;
  for (const HistoryEntry& h : t.history) {
    for (const Budget& b : e.budgets) consider(plus_seconds(h.at, b.window_hours * kHour));
    if (e.loss_budget) consider(plus_seconds(h.at, e.loss_budget->window_hours * kHour));
    if (e.cooldown_hours && h.kind == "swap") consider(plus_seconds(h.at, e.cooldown_hours->value * kHour));
  }
  return best;
}

// The largest fraction (in 1/1024) of the tranche that passes the checker, its proposal in `chosen`
// (empty when none passes) and its routing; the rules the whole tranche fails go to `failed` and
// `why`.
long long Planner::passing_scale(const Treasury& t, const std::vector<Pair>& ps, Time at, std::set<std::string>& failed,
                                 std::vector<Unreached>& why, Proposal& chosen, std::vector<Routing>& routing) const {
  chosen = tranche_proposal(t, ps, kScaleSteps, at, &routing);
  const Report r = check(t, chosen);
  if (r.verdict == Verdict::Pass) return kScaleSteps;
  for (const Finding& f : r.findings) {
    if (f.severity != Severity::Error) continue;
    failed.insert(f.rule);
    note(why, {f.rule, f.subject, f.message});
  }
  chosen = Proposal{};
  routing.clear();
  long long lo = 0, hi = kScaleSteps;  // hi fails
  while (hi - lo > 1) {
    const long long mid = (lo + hi) / 2;
    std::vector<Routing> rt;
    Proposal p = tranche_proposal(t, ps, mid, at, &rt);
    if (!p.actions.empty() && check(t, p).verdict == Verdict::Pass) {
      lo = mid;
      chosen = std::move(p);
      routing = std::move(rt);
    } else {
      hi = mid;
    }
  }
  return lo;
}

// No asset is both sold and bought in a plan: what earlier tranches sold is never bought, and back.
void Planner::remember_trades(const Plan& plan) {
  sold_.clear();
  bought_.clear();
  for (const Tranche& tr : plan.tranches)
    for (const Action& a : tr.proposal.actions) {
      sold_.insert(a.swap()->sell);
      bought_.insert(a.swap()->buy);
    }
}

// The status from the state the tranches leave; what is unreached when the goal is not met.
void Planner::finish(Plan& plan, const Treasury& state, const Frac& drift0, std::vector<Unreached> unreached) const {
  const sim::Snapshot end = snapshot(MarketState::of(state).balances);
  if (done(end)) {
    plan.status = PlanStatus::Complete;
    return;
  }
  const Frac drift_end = sim::total_drift(end, policy_.targets);
  const Frac fell{drift0.num * drift_end.den - drift_end.num * drift0.den, drift0.den * drift_end.den};
  plan.status = !plan.tranches.empty() && compare(fell, Frac{1, 10000}) >= 0 ? PlanStatus::Partial : PlanStatus::Infeasible;
  if (unreached.empty()) {
    for (const Target& tg : policy_.targets) {
      Message msg;
      msg << "weight of " << tg.select << " still deviates " << Figure::signed_bps(sim::deviation(end, tg))
          << " bps from its target after " << std::to_string(plan.tranches.size()) << " tranches";
      note(unreached, {"target.drift", tg.select, msg});
    }
  }
  plan.unreached = std::move(unreached);
}

Plan Planner::run() {
  Plan plan;
  plan.goal = options_.goal;
  Treasury state = original_;
  Time at = options_.at ? *options_.at : original_.as_of;
  const sim::Snapshot start = snapshot(MarketState::of(state).balances);
  if (done(start)) return plan;  // not_needed
  const Frac drift0 = sim::total_drift(start, policy_.targets);
  std::vector<Unreached> unreached;
  auto stop = [&unreached, this](std::vector<Unreached>& why) {
    for (auto& u : why) note(unreached, std::move(u));
  };
  int waits = 0;
  while (plan.tranches.size() < kMaxTranches) {
    const MarketState m0 = MarketState::of(state);
    const sim::Snapshot before = snapshot(m0.balances);
    if (done(before)) break;
    std::vector<Unreached> why;
    remember_trades(plan);
    const std::vector<Pair> ps = refine(state, pairs(state, before, why), at);
    if (ps.empty()) {
      stop(why);
      break;
    }
    std::set<std::string> failed;
    Proposal chosen;
    std::vector<Routing> routing;
    const long long scale = passing_scale(state, ps, at, failed, why, chosen, routing);
    const bool timed = failed.count("budget.window") || failed.count("budget.loss") || failed.count("cooldown");
    // Nothing passes now, or a budget leaves less than a sixteenth of the tranche: wait for the
    // budget or the cooldown to free, when time frees it (no dust tranches).
    const auto next = timed && waits < kMaxTimeSteps ? next_time(state, at) : std::nullopt;
    if (scale == 0 || chosen.actions.empty() || (next && scale < kScaleSteps / 16)) {
      if (!next) {
        stop(why);
        break;
      }
      ++waits;
      at = *next;
      continue;
    }
    // Apply it: the balances it leaves, its swaps in the history at its time; pools as in the
    // snapshot (arbitrage restores them between tranches: docs/planner.md).
    MarketState m = m0;
    std::vector<HistoryEntry> entries;
    for (const Action& a : chosen.actions) {
      const ActionOutcome o = apply_action(state, m, a, at);
      if (!o.ok || !o.swap) break;
      entries.push_back({at, "swap", o.swap->value_in, Int(o.swap->value_in - o.swap->value_out)});
    }
    const sim::Snapshot after = snapshot(m.balances);
    Tranche tr{at, {}, Verdict::Pass, sim::total_drift(before, policy_.targets), sim::total_drift(after, policy_.targets)};
    if (compare(tr.drift_after, tr.drift_before) >= 0) {  // no progress: stop
      stop(why);
      break;
    }
    const std::string number = std::to_string(plan.tranches.size() + 1);
    chosen.id = "rebalance-" + number;
    chosen.title = std::string("Rebalance toward the policy targets (") +
                   (options_.goal == PlanGoal::Edge ? "band edge" : "target weights") + "), tranche " + number;
    if (plan.tranches.empty()) plan.routing = std::move(routing);
    tr.proposal = std::move(chosen);
    plan.tranches.push_back(std::move(tr));
    for (std::size_t i = 0; i < state.assets.size(); ++i) state.assets[i].balance = m.balances[i];
    for (auto& h : entries) state.history.push_back(std::move(h));
    if (done(after)) break;
    stop(why);
    // The next tranche: after the cooldown, and at least an hour later.
    std::int64_t gap = kHour;
    if (policy_.execution.cooldown_hours) gap = std::max<std::int64_t>(gap, policy_.execution.cooldown_hours->value * kHour);
    at = plus_seconds(at, gap);
  }
  finish(plan, state, drift0, std::move(unreached));
  return plan;
}

}  // namespace

Plan make_plan(const Policy& policy, const Treasury& treasury, const PlanOptions& options) {
  return Planner(policy, treasury, options).run();
}

const char* plan_status_name(PlanStatus s) {
  switch (s) {
    case PlanStatus::Complete: return "complete";
    case PlanStatus::Partial: return "partial";
    case PlanStatus::NotNeeded: return "not_needed";
    default: return "infeasible";
  }
}

const char* plan_goal_name(PlanGoal g) { return g == PlanGoal::Edge ? "edge" : "target"; }

}  // namespace ballast
