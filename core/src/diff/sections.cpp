// The sections of policy/1 compared one by one: rule lists matched, then every field with the
// registry's direction (core/src/rules/registry.cpp).
#include "differ.h"

#include "ballast/calls.h"

namespace ballast::diff {

namespace {

// "/old/limits/0" -> "/limits/0": paths inside the policy document.
std::string local(const std::string& case_path) {
  auto slash = case_path.find('/', 1);
  return slash == std::string::npos ? "" : case_path.substr(slash);
}

std::optional<Int> opt_int(const std::optional<long long>& v) {
  if (!v) return std::nullopt;
  return Int(*v);
}

// Matches two rule lists and calls `paired(a, b)`, or records whole rules added or removed.
template <typename T, typename ItemFn, typename PairFn, typename RuleFn>
void compare_list(Differ& d, const std::vector<T>& a, const std::vector<T>& b, ItemFn item, PairFn paired,
                  RuleFn rule_of) {
  std::vector<Item> ia, ib;
  for (const auto& x : a) ia.push_back(item(x));
  for (const auto& x : b) ib.push_back(item(x));
  for (auto [i, j] : match(ia, ib)) {
    if (i != npos && j != npos) paired(a[i], b[j], ib[j].path, ib[j].subject);
    else if (i != npos) d.whole(rule_of(a[i]), ia[i].path, ia[i].subject, false);
    else d.whole(rule_of(b[j]), ib[j].path, ib[j].subject, true);
  }
}

void compare_portfolio(Differ& d, const Policy& a, const Policy& b) {
  compare_list(d, a.targets, b.targets,
               [](const Target& t) { return Item{local(t.meta.path), t.meta.id, t.select, t.select}; },
               [&](const Target& x, const Target& y, const std::string& p, const std::string& s) {
                 d.text("/targets/*/select", p + "/select", s, x.select, y.select);
                 d.number("/targets/*/weight_bps", p + "/weight_bps", s, Int(x.weight_bps), Int(y.weight_bps));
                 d.number("/targets/*/band_bps", p + "/band_bps", s, Int(x.band_bps), Int(y.band_bps));
                 d.meta("target.drift", p, s, x.meta, y.meta);
               },
               [](const Target&) { return "target.drift"; });
  auto limit_rule = [](const Limit& l) { return l.max_bps ? "limit.max" : "limit.min"; };
  compare_list(d, a.limits, b.limits,
               [](const Limit& l) {
                 std::string subject = l.select + (l.of ? " of " + *l.of : "");
                 return Item{local(l.meta.path), l.meta.id,
                             subject + (l.max_bps ? "|max" : "") + (l.min_bps ? "|min" : ""), subject};
               },
               [&](const Limit& x, const Limit& y, const std::string& p, const std::string& s) {
                 d.text("/limits/*/select", p + "/select", s, x.select, y.select);
                 d.text("/limits/*/of", p + "/of", s, x.of.value_or(""), y.of.value_or(""));
                 d.number("/limits/*/max_bps", p + "/max_bps", s, opt_int(x.max_bps), opt_int(y.max_bps));
                 d.number("/limits/*/min_bps", p + "/min_bps", s, opt_int(x.min_bps), opt_int(y.min_bps));
                 d.meta(limit_rule(y), p, s, x.meta, y.meta);
               },
               limit_rule);
  auto floor_rule = [](const Floor& f) { return f.min_months ? "floor.runway" : "floor.value"; };
  compare_list(d, a.floors, b.floors,
               [](const Floor& f) {
                 return Item{local(f.meta.path), f.meta.id,
                             f.select + (f.min_months ? "|months" : "") + (f.min_value ? "|value" : ""), f.select};
               },
               [&](const Floor& x, const Floor& y, const std::string& p, const std::string& s) {
                 d.text("/floors/*/select", p + "/select", s, x.select, y.select);
                 d.number("/floors/*/min_months", p + "/min_months", s, x.min_months, y.min_months, true);
                 d.number("/floors/*/min_value", p + "/min_value", s, x.min_value, y.min_value, true);
                 d.meta(floor_rule(y), p, s, x.meta, y.meta);
               },
               floor_rule);
  compare_list(d, a.backing, b.backing,
               [](const Backing& k) { return Item{local(k.meta.path), k.meta.id, k.select + "|" + k.liability, k.select}; },
               [&](const Backing& x, const Backing& y, const std::string& p, const std::string& s) {
                 d.text("/backing/*/select", p + "/select", s, x.select, y.select);
                 d.text("/backing/*/liability", p + "/liability", s, x.liability, y.liability);
                 d.number("/backing/*/min_ratio_bps", p + "/min_ratio_bps", s, Int(x.min_ratio_bps), Int(y.min_ratio_bps));
                 d.meta("backing.ratio", p, s, x.meta, y.meta);
               },
               [](const Backing&) { return "backing.ratio"; });
}

using List = std::optional<Threshold<std::vector<std::string>>>;

void compare_allowlist(Differ& d, const std::string& pattern, const List& a, const List& b) {
  if (!a && !b) return;
  const std::string rule = d.spec(pattern).first;
  const std::string path = pattern.substr(0, pattern.rfind('/'));
  if (!a || !b) {
    d.whole(rule, path, "", !a);
    return;
  }
  d.entries(pattern, pattern, "", a->value, b->value);
  d.meta(rule, path, "", a->meta, b->meta);
}

template <typename T>
void compare_threshold(Differ& d, const std::string& pattern, const std::optional<Threshold<T>>& a,
                       const std::optional<Threshold<T>>& b, bool wad_scaled = false) {
  if (!a && !b) return;
  const std::string rule = d.spec(pattern).first;
  if (!a || !b) {
    d.whole(rule, pattern, "", !a);
    return;
  }
  d.number(pattern, pattern, "", Int(a->value), Int(b->value), wad_scaled);
  d.meta(rule, pattern, "", a->meta, b->meta);
}

void compare_switch(Differ& d, const std::string& pattern, const std::optional<Threshold<bool>>& a,
                    const std::optional<Threshold<bool>>& b) {
  d.toggle(pattern, pattern, "", a && a->value, b && b->value);  // an absent switch is off
  if (a && b) d.meta(d.spec(pattern).first, pattern, "", a->meta, b->meta);
}

void compare_execution(Differ& d, const Execution& a, const Execution& b) {
  compare_allowlist(d, "/execution/venues/allow", a.venues_allow, b.venues_allow);
  compare_threshold(d, "/execution/max_trade_value", a.max_trade_value, b.max_trade_value, true);
  compare_threshold(d, "/execution/max_proposal_value", a.max_proposal_value, b.max_proposal_value, true);
  compare_list(d, a.budgets, b.budgets,
               [](const Budget& x) { return Item{local(x.meta.path), x.meta.id, "", "budget"}; },
               [&](const Budget& x, const Budget& y, const std::string& p, const std::string& s) {
                 d.number("/execution/budgets/*/window_hours", p + "/window_hours", s, Int(x.window_hours),
                          Int(y.window_hours));
                 d.number("/execution/budgets/*/max_value", p + "/max_value", s, x.max_value, y.max_value, true);
                 d.meta("budget.window", p, s, x.meta, y.meta);
               },
               [](const Budget&) { return "budget.window"; });
  if (a.loss_budget || b.loss_budget) {
    const std::string p = "/execution/loss_budget";
    if (!a.loss_budget || !b.loss_budget) {
      d.whole("budget.loss", p, "", !a.loss_budget);
    } else {
      d.number(p + "/window_hours", p + "/window_hours", "", Int(a.loss_budget->window_hours),
               Int(b.loss_budget->window_hours));
      d.number(p + "/max_bps", p + "/max_bps", "", Int(a.loss_budget->max_bps), Int(b.loss_budget->max_bps));
      d.meta("budget.loss", p, "", a.loss_budget->meta, b.loss_budget->meta);
    }
  }
  compare_threshold(d, "/execution/max_loss_bps", a.max_loss_bps, b.max_loss_bps);
  compare_threshold(d, "/execution/max_price_impact_bps", a.max_price_impact_bps, b.max_price_impact_bps);
  compare_threshold(d, "/execution/max_slippage_bps", a.max_slippage_bps, b.max_slippage_bps);
  compare_switch(d, "/execution/require_min_out", a.require_min_out, b.require_min_out);
  compare_threshold(d, "/execution/max_pool_share_bps", a.max_pool_share_bps, b.max_pool_share_bps);
  compare_threshold(d, "/execution/max_oracle_deviation_bps", a.max_oracle_deviation_bps, b.max_oracle_deviation_bps);
  compare_threshold(d, "/execution/cooldown_hours", a.cooldown_hours, b.cooldown_hours);
  compare_switch(d, "/execution/rebalance_only", a.rebalance_only, b.rebalance_only);
  compare_switch(d, "/execution/allow_leftover_approvals", a.allow_leftover_approvals, b.allow_leftover_approvals);
}

// calls.allow: an absent list lets nothing through, so it compares as an empty one.
void compare_calls(Differ& d, const Policy& a, const Policy& b) {
  auto entries = [](const Policy& p) {
    std::vector<std::string> v;
    if (p.calls_allow)
      for (const AllowedCall& c : p.calls_allow->value) v.push_back(c.to + " " + selector_hex(c.selector));
    return v;
  };
  d.entries("/calls/allow", "/calls/allow", "", entries(a), entries(b));
  if (a.calls_allow && b.calls_allow) d.meta("call.unknown", "/calls", "", a.calls_allow->meta, b.calls_allow->meta);
}

const char* family_name(Family f) {
  switch (f) {
    case Family::Targets: return "targets";
    case Family::Limits: return "limits";
    case Family::Floors: return "floors";
    case Family::Backing: return "backing";
  }
  return "";
}

void compare_scenario(Differ& d, const StressScenario& x, const StressScenario& y, const std::string& p,
                      const std::string& s) {
  d.text("/stress/*/name", p + "/name", s, x.name, y.name);
  std::vector<std::string> sa, sb;
  for (const auto& sh : x.shocks) sa.push_back(sh.select);
  for (const auto& sh : y.shocks) sb.push_back(sh.select);
  d.entries("/stress/*/shocks", p + "/shocks", s, sa, sb);
  for (std::size_t j = 0; j < y.shocks.size(); ++j)
    for (const auto& old_shock : x.shocks)
      if (old_shock.select == y.shocks[j].select) {
        d.number("/stress/*/shocks/*/change_bps", p + "/shocks/" + std::to_string(j) + "/change_bps",
                 s + " / " + y.shocks[j].select, Int(old_shock.change_bps), Int(y.shocks[j].change_bps));
        break;
      }
  std::vector<std::string> fa, fb;
  for (Family f : x.check) fa.push_back(family_name(f));
  for (Family f : y.check) fb.push_back(family_name(f));
  d.entries("/stress/*/check", p + "/check", s, fa, fb);
  d.meta("stress", p, s, x.meta, y.meta);
}

}  // namespace

void compare_policies(Differ& d, const Policy& a, const Policy& b) {
  d.text("/name", "/name", "", a.name, b.name);
  d.text("/numeraire", "/numeraire", "", a.numeraire, b.numeraire);
  compare_portfolio(d, a, b);
  compare_allowlist(d, "/assets/allow", a.assets_allow, b.assets_allow);
  compare_allowlist(d, "/recipients/allow", a.recipients_allow, b.recipients_allow);
  compare_calls(d, a, b);
  compare_execution(d, a.execution, b.execution);
  compare_list(d, a.stress, b.stress,
               [](const StressScenario& x) { return Item{local(x.meta.path), x.meta.id, x.name, x.name}; },
               [&](const StressScenario& x, const StressScenario& y, const std::string& p, const std::string& s) {
                 compare_scenario(d, x, y, p, s);
               },
               [](const StressScenario&) { return "stress"; });
}

}  // namespace ballast::diff
