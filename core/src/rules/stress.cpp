// Stress scenarios (docs/semantics.md, Stress): shock prices in the before and after states, then run
// the After rules of the families the scenario lists, reported as stress.<rule>.
#include "stress.h"

#include <algorithm>

namespace ballast::rules {

namespace {

std::vector<Int> shocked_prices(const sim::Book& book, const std::vector<Int>& prices, const StressScenario& sc) {
  std::vector<Int> out = prices;
  for (const auto& sh : sc.shocks)
    for (std::size_t i : book.members(sh.select)) {
      Int p = out[i] * (10000 + sh.change_bps) / 10000;
      out[i] = p < 0 ? Int(0) : p;
    }
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
  for (const auto& sc : base.policy().stress) {
    // Only the shocked assets change value: move copies of the unshocked snapshots.
    const std::vector<Int> shocked = shocked_prices(base.book, prices, sc);
    sim::Snapshot before = base.before ? *base.before : *base.after;
    std::optional<sim::Snapshot> after;
    if (base.before) after = *base.after;
    for (std::size_t i = 0; i < shocked.size(); ++i) {
      if (shocked[i] == prices[i]) continue;
      before.update(i, before.balances()[i], shocked[i]);
      if (after) after->update(i, after->balances()[i], shocked[i]);
    }
    Context x = base;
    x.prefix = "stress.";
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
  }
  return outcomes;
}

}  // namespace ballast::rules
