// policy/1: targets, limits, floors, backing, allowlists, execution rules, stress scenarios.
#include "readers.h"

#include "ballast/calls.h"

#include <algorithm>
#include <map>

namespace ballast::documents {

namespace {

// A threshold written bare (`"max_loss_bps": 100`) or in long form ({"value", "id", "severity"}).
template <typename T, typename F>
std::optional<Threshold<T>> read_threshold(Reader& r, Obj& parent, std::string_view key, F value_fn) {
  const Node* n = parent.opt(key);
  if (!n) return std::nullopt;
  Threshold<T> t;
  if (n->kind == Node::Kind::Object) {
    Obj o(r, *n, parent.at(key));
    t.meta = read_meta(r, o);
    auto v = o.get("value", true, value_fn);
    if (!v) return std::nullopt;
    t.value = *v;
  } else {
    t.meta.path = case_path(r.document(), parent.at(key));
    auto v = value_fn(*n, parent.at(key));
    if (!v) return std::nullopt;
    t.value = *v;
  }
  return t;
}

// A list of rule objects: each read by `fn(obj, meta)`, which returns the rule or nullopt.
template <typename T, typename F>
void read_rules(Reader& r, Obj& o, const char* key, std::size_t max, const char* what, std::vector<T>& out, F fn) {
  std::set<std::string> ids;
  each_object(r, o, key, false, max, what, [&](Obj& x, std::size_t) {
    RuleMeta meta = read_meta(r, x, &ids);
    if (std::optional<T> rule = fn(x, std::move(meta))) out.push_back(std::move(*rule));
  });
}

void read_portfolio_rules(Reader& r, Obj& o, Policy& p) {
  const std::size_t max = r.limits().max_list;
  read_rules(r, o, "targets", max, "targets", p.targets, [&](Obj& t, RuleMeta meta) -> std::optional<Target> {
    auto s = t.selector("select", true);
    auto w = t.bps("weight_bps", true);
    auto b = t.bps("band_bps");
    if (!s || !w) return std::nullopt;
    return Target{*s, *w, b.value_or(0), std::move(meta)};
  });
  read_rules(r, o, "limits", max, "limits", p.limits, [&](Obj& l, RuleMeta meta) -> std::optional<Limit> {
    auto s = l.selector("select", true);
    Limit x{{}, l.selector("of"), l.bps("max_bps"), l.bps("min_bps"), std::move(meta)};
    if (!l.opt("max_bps") && !l.opt("min_bps"))
      r.error(code::field_missing, l.at("max_bps"), "a limit needs \"max_bps\" or \"min_bps\"");
    if (!s || (!x.max_bps && !x.min_bps)) return std::nullopt;
    x.select = *s;
    return x;
  });
  read_rules(r, o, "floors", max, "floors", p.floors, [&](Obj& f, RuleMeta meta) -> std::optional<Floor> {
    auto s = f.selector("select", true);
    Floor x{{}, f.decimal("min_months"), f.decimal("min_value"), std::move(meta)};
    if (!f.opt("min_months") && !f.opt("min_value"))
      r.error(code::field_missing, f.at("min_months"), "a floor needs \"min_months\" or \"min_value\"");
    if (!s || (!x.min_months && !x.min_value)) return std::nullopt;
    x.select = *s;
    return x;
  });
  read_rules(r, o, "backing", max, "backing rules", p.backing, [&](Obj& b, RuleMeta meta) -> std::optional<Backing> {
    auto s = b.selector("select", true);
    auto l = b.id("liability", true);
    auto m = b.bps("min_ratio_bps", true, 0, 1000000000);
    if (!s || !l || !m) return std::nullopt;
    return Backing{*s, *l, *m, std::move(meta)};
  });
}

// {"allow": [...], "id"?, "severity"?}: each entry read by `entry(node, path)`.
template <typename T, typename Entry>
std::optional<Threshold<std::vector<T>>> read_allowlist(Reader& r, Obj& parent, std::string_view key, const char* what,
                                                        Entry entry) {
  const Node* n = parent.opt(key);
  if (!n) return std::nullopt;
  Obj a(r, *n, parent.at(key));
  if (!a.ok()) return std::nullopt;
  Threshold<std::vector<T>> t;
  t.meta = read_meta(r, a);
  const Node* list = a.req("allow");
  if (!list) return std::nullopt;
  each_item(r, *list, Path(a, "allow"), r.limits().max_list, what, [&](const Node& e, const Path& path) {
    if (std::optional<T> v = entry(e, path)) t.value.push_back(std::move(*v));
  });
  return t;
}

// An allow-list of strings (selectors, addresses or venue ids) read by a Reader method.
std::optional<Threshold<std::vector<std::string>>> read_allowlist(Reader& r, Obj& parent, std::string_view key,
                                                                  const char* what,
                                                                  std::optional<std::string> (Reader::*entry)(
                                                                      const Node&, const Path&)) {
  return read_allowlist<std::string>(r, parent, key, what,
                                     [&](const Node& e, const Path& path) { return (r.*entry)(e, path); });
}

// A selector: "0x" and 8 hex digits, or a function's canonical signature ("transfer(address,uint256)").
std::optional<std::uint32_t> read_selector(Reader& r, Obj& c) {
  auto s = c.string("selector", true);
  if (!s) return std::nullopt;
  if (auto v = parse_selector_hex(*s)) {
    return v;
  } else if (s->find('(') != std::string::npos && s->back() == ')' && s->find(' ') == std::string::npos) {
    return function_selector(*s);
  }
  r.error(code::value_range, c.at("selector"),
          "expected a selector (\"0x\" and 8 hex digits) or a canonical signature such as "
          "\"transfer(address,uint256)\", got " + quote(std::string_view(*s)));
  return std::nullopt;
}

// calls.allow: the {to, selector} pairs call.unknown lets through.
std::optional<Threshold<std::vector<AllowedCall>>> read_calls_allow(Reader& r, Obj& o) {
  return read_allowlist<AllowedCall>(r, o, "calls", "allowed calls", [&](const Node& e, const Path& path) {
    Obj c(r, e, path);
    if (!c.ok()) return std::optional<AllowedCall>();
    auto to = c.address("to", true);
    auto sel = read_selector(r, c);
    if (!to || !sel) return std::optional<AllowedCall>();
    return std::optional<AllowedCall>(AllowedCall{*to, *sel});
  });
}

void read_budgets(Reader& r, Obj& e, Execution& x) {
  read_rules(r, e, "budgets", r.limits().max_list, "budgets", x.budgets, [&](Obj& b, RuleMeta meta) -> std::optional<Budget> {
    auto w = b.hours("window_hours", true);
    auto m = b.decimal("max_value", true);
    if (!w || !m) return std::nullopt;
    return Budget{*w, *m, std::move(meta)};
  });
  if (const Node* lb = e.opt("loss_budget")) {
    Obj l(r, *lb, e.at("loss_budget"));
    if (!l.ok()) return;
    RuleMeta meta = read_meta(r, l);
    auto w = l.hours("window_hours", true);
    auto m = l.bps("max_bps", true);
    if (w && m) x.loss_budget = LossBudget{*w, *m, std::move(meta)};
  }
}

void read_execution(Reader& r, Obj& o, Execution& x) {
  const Node* ex = o.opt("execution");
  if (!ex) return;
  Obj e(r, *ex, o.at("execution"));
  if (!e.ok()) return;
  auto value = [&](const Node& n, const Path& path) { return r.decimal(n, path); };
  auto bps = [&](const Node& n, const Path& path) { return r.bps(n, path); };
  auto boolean = [&](const Node& n, const Path& path) { return r.boolean(n, path); };
  auto hours = [&](const Node& n, const Path& path) { return r.hours(n, path); };
  x.venues_allow = read_allowlist(r, e, "venues", "venue ids", &Reader::id);
  x.max_trade_value = read_threshold<Int>(r, e, "max_trade_value", value);
  x.max_proposal_value = read_threshold<Int>(r, e, "max_proposal_value", value);
  read_budgets(r, e, x);
  x.max_loss_bps = read_threshold<long long>(r, e, "max_loss_bps", bps);
  x.max_price_impact_bps = read_threshold<long long>(r, e, "max_price_impact_bps", bps);
  x.max_slippage_bps = read_threshold<long long>(r, e, "max_slippage_bps", bps);
  x.require_min_out = read_threshold<bool>(r, e, "require_min_out", boolean);
  x.max_pool_share_bps = read_threshold<long long>(r, e, "max_pool_share_bps", bps);
  x.max_oracle_deviation_bps = read_threshold<long long>(r, e, "max_oracle_deviation_bps", bps);
  x.cooldown_hours = read_threshold<long long>(r, e, "cooldown_hours", hours);
  x.rebalance_only = read_threshold<bool>(r, e, "rebalance_only", boolean);
  x.allow_leftover_approvals = read_threshold<bool>(r, e, "allow_leftover_approvals", boolean);
}

std::vector<Family> read_families(Reader& r, Obj& s) {
  const Node* ch = s.opt("check");
  if (!ch) return {Family::Limits, Family::Floors, Family::Backing};
  static const std::map<std::string, Family> names = {
      {"targets", Family::Targets}, {"limits", Family::Limits}, {"floors", Family::Floors}, {"backing", Family::Backing}};
  std::vector<Family> out;
  each_item(r, *ch, Path(s, "check"), 4, "rule families", [&](const Node& n, const Path& path) {
    auto it = n.kind == Node::Kind::String ? names.find(n.text) : names.end();
    if (it == names.end())
      r.error(code::value_range, path, "expected \"targets\", \"limits\", \"floors\" or \"backing\", got " + quote(n));
    else if (std::find(out.begin(), out.end(), it->second) == out.end())
      out.push_back(it->second);
  });
  return out;
}

void read_stress(Reader& r, Obj& o, Policy& p) {
  read_rules(r, o, "stress", r.limits().max_stress, "stress scenarios", p.stress,
             [&](Obj& s, RuleMeta meta) -> std::optional<StressScenario> {
               StressScenario x;
               x.meta = std::move(meta);
               auto name = s.string("name", true);
               each_object(r, s, "shocks", true, r.limits().max_list, "shocks", [&](Obj& sh, std::size_t) {
                 auto se = sh.selector("select", true);
                 auto c = sh.bps("change_bps", true, -1000000, 1000000);
                 if (se && c) x.shocks.push_back(Shock{*se, *c});
               });
               x.check = read_families(r, s);
               if (!name) return std::nullopt;
               x.name = *name;
               return x;
             });
}

}  // namespace

std::optional<Policy> read_policy(Reader& r, const Node& root) {
  Obj o(r, root, "");
  if (!o.ok()) return std::nullopt;
  if (!check_kind(r, o, "policy/1")) return std::nullopt;
  Policy p;
  if (auto v = o.string("name")) p.name = *v;
  if (auto v = o.id("numeraire")) p.numeraire = *v;
  o.opt("description");
  read_portfolio_rules(r, o, p);
  p.assets_allow = read_allowlist(r, o, "assets", "allow-list entries", &Reader::selector);
  p.recipients_allow = read_allowlist(r, o, "recipients", "allow-list entries", &Reader::address);
  p.calls_allow = read_calls_allow(r, o);
  read_execution(r, o, p.execution);
  read_stress(r, o, p);
  return p;
}

}  // namespace ballast::documents
