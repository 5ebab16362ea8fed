// Stress scenarios (docs/semantics.md, Stress): shock prices in the before and after states, then run
// the After rules of the families the scenario lists, reported as stress.<rule>.
#include "stress.h"

#include <algorithm>

namespace ballast::rules {

namespace {

// The assets a scenario's shocks move and their shocked prices (shocks on one asset compound in
// order), in the order the shocks first select them (sums are exact, so order does not matter);
// `slot` (npos everywhere, as it is left) maps an asset to its entry while the list is built.
std::vector<std::pair<std::size_t, Int>> shocked_prices(const sim::Book& book, const std::vector<Int>& prices,
                                                        const StressScenario& sc, std::vector<std::size_t>& slot) {
  std::vector<std::pair<std::size_t, Int>> out;
  for (const auto& sh : sc.shocks)
    for (std::size_t i : book.members(sh.select)) {
      if (slot[i] == sim::Book::npos) {
        slot[i] = out.size();
        out.emplace_back(i, prices[i]);
      }
      Int& p = out[slot[i]].second;
      p = p * (10000 + sh.change_bps) / 10000;
      if (p < 0) p = 0;
    }
  for (const auto& [i, p] : out) slot[i] = sim::Book::npos;
  return out;
}

}  // namespace

void run_after_rules(const Context& x, const std::vector<Family>* families, std::vector<Finding>& out) {
  for (const RuleSpec& rule : rule_registry()) {
    if (rule.phase != Phase::After || !rule.check) continue;
    if (families && (!rule.family || std::find(families->begin(), families->end(), *rule.family) == families->end()))
      continue;
    rule.check(x, out);
  }
}

std::vector<StressOutcome> run_stress(const Context& base, const std::vector<Int>& prices) {
  std::vector<StressOutcome> outcomes;
  if (base.policy().stress.empty()) return outcomes;
  // One working copy of each state for all scenarios: a scenario moves only the assets it shocks,
  // and puts them back when its rules have run.
  const sim::Snapshot& before0 = base.before ? *base.before : *base.after;
  sim::Snapshot before = before0;
  std::optional<sim::Snapshot> after;
  if (base.before) after = *base.after;
  std::vector<std::size_t> slot(prices.size(), sim::Book::npos);
  std::vector<std::size_t> moved;
  std::vector<std::pair<std::size_t, Int>> both;
  for (const auto& sc : base.policy().stress) {
    moved.clear();
    both.clear();
    for (const auto& [i, p] : shocked_prices(base.book, prices, sc, slot)) {
      if (p == prices[i]) continue;
      moved.push_back(i);
      Int v = asset_value(before.balances()[i], p, base.book.assets()[i].decimals);
      // Most assets hold the same balance before and after the proposal: one value, and one change
      // of each selector's sum, serves both states.
      if (after && after->balances()[i] != before.balances()[i]) {
        after->update(i, after->balances()[i], p);
        before.set_value(i, std::move(v));
      } else {
        both.emplace_back(i, std::move(v));
      }
    }
    before.set_values(both, after ? &*after : nullptr);
    // The After rules read the states alone, not what the batch's actions pulled or traded: those
    // are not copied for each scenario.
    Context x{base.c, base.book, base.now, nullptr, nullptr, "stress.", nullptr, nullptr, nullptr, nullptr, 0, 0, false, {}};
    x.before = after ? &before : nullptr;
    x.after = after ? &*after : &before;
    StressOutcome o;
    o.name = sc.name;
    run_after_rules(x, &sc.check, o.findings);
    for (auto& f : o.findings) {
      if (sc.meta.severity == Severity::Warning) f.severity = Severity::Warning;
      f.message.prepend(sc.name + ": ");
    }
    sort_findings(o.findings);
    outcomes.push_back(std::move(o));
    before.restore(before0, moved);
    if (after) after->restore(*base.after, moved);
  }
  return outcomes;
}

}  // namespace ballast::rules
