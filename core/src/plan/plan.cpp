// The planner's tranches (SPEC section 13, docs/planner.md, Tranches): each tranche's trades
// (trades.cpp) split across their venues by split_trade within the per-swap caps, grown twice by
// what the first pass's losses left short, then checked by the evaluator itself; when the whole
// tranche fails, the largest passing fraction of it is found by bisection, and the rules that
// failed at full size say what is unreached and when the next tranche may come.
#include "planner.h"

#include <algorithm>

namespace ballast {

namespace planning {

namespace {

// A tranche passes when the check passes and no bound is out of reach at the snapshot (a warning
// for a proposal, which would revert on the chain: never planned).
bool passes(const Report& r) {
  if (r.verdict != Verdict::Pass) return false;
  for (const Finding& f : r.findings)
    if (f.rule == "swap.min_out_unreachable") return false;
  return true;
}

Time plus_seconds(Time t, std::int64_t s) {
  t.seconds += s;
  return t;
}

}  // namespace

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
  // One swap per venue and direction (SPEC 13): each bound is set on the pool as the snapshot has
  // it, so no other swap of the tranche may move that pool first. Routes take their hops first.
  std::set<std::pair<std::size_t, std::size_t>> used;  // (venue, asset sold into it)
  for (const Pair& pair : pairs) {
    const Int amount = pair.amount * scale / kScaleSteps;
    if (pair.route.empty() || amount <= 0) continue;
    if (used.count({pair.route[0], pair.sell}) || used.count({pair.route[1], pair.via})) continue;
    SwapAction s;  // one route, not split, within its first hop's cap
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
    if (*s.bound <= 0) continue;
    used.insert({pair.route[0], pair.sell});
    used.insert({pair.route[1], pair.via});
    add(std::move(s));
  }
  for (const Pair& pair : pairs) {
    const Int amount = pair.amount * scale / kScaleSteps;
    if (!pair.route.empty() || amount <= 0) continue;
    std::vector<Candidate> free;
    for (const Candidate& c : pair.venues)
      if (!used.count({c.venue, pair.sell})) free.push_back(c);
    const Split split = split_trade(t, m, pair.sell, pair.buy, amount, free);
    if (routing && !split.legs.empty()) routing->push_back({pair.sell, pair.buy, split.marginal, split.legs});
    for (const SplitLeg& leg : split.legs) {
      SwapAction s;
      s.venue = leg.venue;
      s.sell = pair.sell;
      s.buy = pair.buy;
      s.amount = leg.amount_in;
      s.bound = slippage_bound(true, leg.amount_out, slip);
      if (*s.bound <= 0) continue;
      used.insert({leg.venue, pair.sell});
      add(std::move(s));
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
  if (passes(r)) return kScaleSteps;
  for (const Finding& f : r.findings) {
    if (f.severity != Severity::Error && f.rule != "swap.min_out_unreachable") continue;
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
    if (!p.actions.empty() && passes(check(t, p))) {
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

}  // namespace planning

Plan make_plan(const Policy& policy, const Treasury& treasury, const PlanOptions& options) {
  return planning::Planner(policy, treasury, options).run();
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
