// Per-swap execution rules (docs/semantics.md and the README's rule catalog): trade size, loss against the oracle, price
// impact, slippage tolerance and its bound, pool share, oracle deviation, and rebalance_only.
#include "context.h"

namespace ballast::rules {

namespace {

using Field = std::optional<Frac> SwapOutcome::*;

const std::string& amount_field(const SwapAction& s) {
  static const std::string in = "amount_in", out = "amount_out";
  return s.exact_in ? in : out;
}

// Appends the largest passing amount of `figure <= limit` to a finding.
void add_max_passing(const Context& x, Finding& f, const std::function<std::optional<Frac>(const SwapOutcome&)>& figure,
                     const Frac& limit) {
  const SwapAction& s = *x.action->swap();
  if (!s.route.empty()) return;  // the search runs on one venue
  auto mp = max_passing(x.treasury(), s, x.outcome->venue_before, x.outcome->quote, figure, limit);
  if (!mp) return;
  f.max_passing = *mp;
  f.max_passing_asset = x.treasury().assets[s.exact_in ? s.sell : s.buy].id;
  f.message << "; the largest passing " << amount_field(s) << " is " << Figure::amount(*mp, f.max_passing_asset);
}

const std::string& venue_id(const Context& x) { return x.treasury().venues[x.action->swap()->venue].id; }

using HopField = std::optional<Frac> SwapOutcome::Hop::*;

// A bps rule on an optional figure, with max_passing when `tight`. With `hop_field`, a route is
// judged hop by hop (the figures of one pool), each hop a finding naming its venue.
void bps_rule(const Context& x, std::vector<Finding>& out, const char* rule,
              const std::optional<Threshold<long long>>& th, Field field, const char* what, bool tight,
              HopField hop_field = nullptr) {
  if (!x.action->swap() || !th) return;
  const SwapOutcome& o = *x.outcome->swap;
  const Frac lim{th->value, 10000};
  auto report = [&](const std::optional<Frac>& fig, const std::string& venue, const std::string& prefix) -> Finding* {
    if (!fig || compare(*fig, lim) <= 0) return nullptr;
    Message msg;
    msg << prefix << what << " is " << Figure::bps(*fig) << " bps, above the maximum " << Figure::bps(lim);
    Finding& f = add_action_finding(x, out, rule, th->meta, venue, msg);
    f.observed = Figure::bps(*fig);
    f.limit = Figure::bps(lim);
    f.unit = "bps";
    return &f;
  };
  if (hop_field && !o.hops.empty()) {
    for (std::size_t k = 0; k < o.hops.size(); ++k) {
      const std::string& venue = x.treasury().venues[o.hops[k].venue].id;
      report(o.hops[k].*hop_field, venue, "hop " + std::to_string(k) + " (" + venue + "): ");
    }
    return;
  }
  Finding* f = report(o.*field, venue_id(x), "");
  if (f && tight) add_max_passing(x, *f, [field](const SwapOutcome& so) { return so.*field; }, lim);
}

}  // namespace

void check_trade_value(const Context& x, std::vector<Finding>& out) {
  const auto& th = x.policy().execution.max_trade_value;
  if (!x.action->swap() || !th || x.outcome->swap->value_in <= th->value) return;
  const Int& value_in = x.outcome->swap->value_in;
  Message msg;
  msg << "trade value " << Figure::value(value_in) << " " << x.numeraire() << " is above the maximum "
      << Figure::value(th->value);
  Finding& f = add_action_finding(x, out, "trade.max_value", th->meta, venue_id(x), msg);
  f.observed = Figure::value(value_in);
  f.limit = Figure::value(th->value);
  f.unit = x.numeraire();
  add_max_passing(x, f, [](const SwapOutcome& o) { return std::optional<Frac>(Frac{o.value_in, 1}); },
                  Frac{th->value, 1});
}

void check_swap_loss(const Context& x, std::vector<Finding>& out) {
  bps_rule(x, out, "swap.loss", x.policy().execution.max_loss_bps, &SwapOutcome::loss, "loss against the oracle", true);
}

void check_price_impact(const Context& x, std::vector<Finding>& out) {
  bps_rule(x, out, "swap.price_impact", x.policy().execution.max_price_impact_bps, &SwapOutcome::impact,
           "price impact", true, &SwapOutcome::Hop::impact);
}

void check_slippage(const Context& x, std::vector<Finding>& out) {
  const auto& th = x.policy().execution.max_slippage_bps;
  if (!x.action->swap() || !th) return;
  if (!x.outcome->swap->slippage_unbounded) {
    bps_rule(x, out, "swap.slippage", th, &SwapOutcome::slippage, "slippage tolerance", false);
    return;
  }
  Message msg;
  msg << "slippage tolerance is unbounded (no max_amount_in), above the maximum " << Figure::bps(th->value) << " bps";
  Finding& f = add_action_finding(x, out, "swap.slippage", th->meta, venue_id(x), msg);
  f.limit = Figure::bps(th->value);
  f.unit = "bps";
}

void check_min_out_missing(const Context& x, std::vector<Finding>& out) {
  const SwapAction* s = x.action->swap();
  const auto& th = x.policy().execution.require_min_out;
  if (!s || !th || !th->value || s->bound) return;
  add_action_finding(x, out, "swap.min_out_missing", th->meta, venue_id(x),
                     Message(s->exact_in ? "no min_amount_out: the swap accepts any output"
                                         : "no max_amount_in: the swap accepts any input"));
}

void check_min_out_unreachable(const Context& x, std::vector<Finding>& out) {
  const SwapAction* s = x.action->swap();
  if (!s || !s->bound) return;
  const SwapResult& r = x.outcome->swap->result;
  bool unreachable = s->exact_in ? *s->bound > r.amount_out : *s->bound < r.amount_in;
  if (!unreachable) return;
  RuleMeta meta;
  meta.severity = Severity::Warning;
  const std::string bound_field = s->exact_in ? "min_amount_out" : "max_amount_in";
  const std::string& token = x.treasury().assets[s->exact_in ? s->buy : s->sell].id;
  const Int& simulated = s->exact_in ? r.amount_out : r.amount_in;
  Message msg;
  msg << bound_field << " " << Figure::amount(*s->bound, token) << (s->exact_in ? " is above" : " is below") << " the simulated " << (s->exact_in ? "output " : "input ")
      << Figure::amount(simulated, token)
      << ": the swap would revert at the snapshot state";
  Finding& f = add_action_finding(x, out, "swap.min_out_unreachable", meta, venue_id(x), msg);
  f.rule_path.clear();
  f.observed = Figure::amount(*s->bound);
  f.limit = Figure::amount(simulated);
  f.unit = token;
}

void check_pool_share(const Context& x, std::vector<Finding>& out) {
  bps_rule(x, out, "swap.pool_share", x.policy().execution.max_pool_share_bps, &SwapOutcome::pool_share, "pool share",
           true, &SwapOutcome::Hop::pool_share);
}

void check_oracle_deviation(const Context& x, std::vector<Finding>& out) {
  bps_rule(x, out, "swap.oracle_deviation", x.policy().execution.max_oracle_deviation_bps,
           &SwapOutcome::oracle_deviation, "pool price deviation from the oracle", false,
           &SwapOutcome::Hop::oracle_deviation);
}

void check_increases_drift(const Context& x, std::vector<Finding>& out) {
  const auto& ro = x.policy().execution.rebalance_only;
  const auto& targets = x.policy().targets;
  if (!x.action->swap() || !ro || !ro->value || targets.empty()) return;
  // Measured from the state the previous action left, whatever its type.
  const Frac before = sim::total_drift(*x.state_before_action, targets);
  const Frac after = sim::total_drift(*x.state_after_action, targets);
  if (compare(after, before) <= 0) return;
  Message msg;
  msg << "the swap raises total drift from " << Figure::bps(before) << " to " << Figure::bps(after)
      << " bps while rebalance_only is set";
  Finding& f = add_action_finding(x, out, "swap.increases_drift", ro->meta, venue_id(x), msg);
  f.observed = Figure::bps(after);
  f.before = Figure::bps(before);
  f.unit = "bps";
}

}  // namespace ballast::rules
