#include "ballast/evaluate.h"

#include "ballast/json.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <optional>

namespace ballast {

namespace {

// ---------------------------------------------------------------------------------------------
// Figures and their text

enum class Unit { Bps, Months, Value };

std::string fmt(const Frac& f, Unit u) {
  switch (u) {
    case Unit::Bps: return to_fixed(f.num * 10000, f.den, 2);
    case Unit::Months: return to_fixed(f.num, f.den, 2);
    case Unit::Value: return to_fixed(f.num, f.den, 6);
  }
  return "";
}

std::string signed_bps(const Frac& f) {
  std::string s = fmt(f, Unit::Bps);
  return s[0] == '-' ? s : "+" + s;
}

Frac bps_frac(long long bps) { return Frac{bps, 10000}; }
Frac value_frac(const Int& wad_value) { return Frac{wad_value, wad()}; }

// ---------------------------------------------------------------------------------------------
// Selectors and snapshots

bool matches(const Asset& a, const std::string& sel) {
  if (sel == "*") return true;
  if (sel.rfind("asset:", 0) == 0) return sel.compare(6, std::string::npos, a.id) == 0;
  if (sel.rfind("chain:", 0) == 0) return !a.chain.empty() && sel.compare(6, std::string::npos, a.chain) == 0;
  return std::find(a.tags.begin(), a.tags.end(), sel) != a.tags.end();
}

// Which assets each selector matches, computed once per selector. Each selector seen gets a
// small id, and each asset knows the ids of the selectors it belongs to, so that a change of one
// asset's value touches only the sums that include it.
class Book {
 public:
  explicit Book(const std::vector<Asset>& assets) : assets_(assets), of_asset_(assets.size()) {}
  std::size_t id(const std::string& sel) const {
    auto it = ids_.find(sel);
    if (it != ids_.end()) return it->second;
    const std::size_t id = members_.size();
    std::vector<std::size_t> m;
    for (std::size_t i = 0; i < assets_.size(); ++i)
      if (matches(assets_[i], sel)) {
        m.push_back(i);
        of_asset_[i].push_back(id);
      }
    members_.push_back(std::move(m));
    ids_.emplace(sel, id);
    return id;
  }
  const std::vector<std::size_t>& members(std::size_t id) const { return members_[id]; }
  const std::vector<std::size_t>& members(const std::string& sel) const { return members_[id(sel)]; }
  // Ids of the selectors (seen so far) that asset i matches.
  const std::vector<std::size_t>& selectors_of(std::size_t i) const { return of_asset_[i]; }
  bool any_match(std::size_t asset, const std::vector<std::string>& selectors) const {
    for (const auto& s : selectors)
      if (matches(assets_[asset], s)) return true;
    return false;
  }

 private:
  const std::vector<Asset>& assets_;
  mutable std::map<std::string, std::size_t> ids_;
  mutable std::deque<std::vector<std::size_t>> members_;  // stable references while growing
  mutable std::vector<std::vector<std::size_t>> of_asset_;
};

Int value_of(const Asset& a, const Int& amount, const Int& price) { return asset_value(amount, price, a.decimals); }

// Values of every asset at given balances and prices, and of the selectors asked for. A copy can
// be moved to other balances or prices one asset at a time (`update`), keeping NAV and the
// selector sums exact without recomputing the whole treasury.
class Snapshot {
 public:
  Snapshot(const Treasury& t, const Book& book, const std::vector<Int>& balances, const std::vector<Int>& prices)
      : t_(&t), book_(&book), balances_(balances) {
    values_.reserve(t.assets.size());
    nav_ = 0;
    for (std::size_t i = 0; i < t.assets.size(); ++i) {
      values_.push_back(value_of(t.assets[i], balances[i], prices[i]));
      nav_ += values_.back();
    }
  }
  const Int& nav() const { return nav_; }
  const std::vector<Int>& values() const { return values_; }
  const std::vector<Int>& balances() const { return balances_; }
  // Asset i now holds `balance` at `price`.
  void update(std::size_t i, const Int& balance, const Int& price) {
    Int v = value_of(t_->assets[i], balance, price);
    balances_[i] = balance;
    if (v == values_[i]) return;
    const Int delta = v - values_[i];
    values_[i] = std::move(v);
    nav_ += delta;
    for (std::size_t id : book_->selectors_of(i))
      if (id < sums_.size() && sums_[id]) *sums_[id] += delta;
  }
  Int value(const std::string& sel) const {
    const std::size_t id = book_->id(sel);
    if (id >= sums_.size()) sums_.resize(id + 1);
    if (!sums_[id]) {
      Int v = 0;
      for (std::size_t i : book_->members(id)) v += values_[i];
      sums_[id] = std::move(v);
    }
    return *sums_[id];
  }
  // Value of the assets matching both selectors.
  Int value_both(const std::string& a, const std::string& b) const {
    const auto& mb = book_->members(b);
    Int v = 0;
    for (std::size_t i : book_->members(a))
      if (std::binary_search(mb.begin(), mb.end(), i)) v += values_[i];
    return v;
  }
  // Weight of a selector as a fraction of NAV (0 when NAV is 0).
  Frac weight(const std::string& sel) const { return nav_ == 0 ? Frac{0, 1} : Frac{value(sel), nav_}; }

 private:
  const Treasury* t_;
  const Book* book_;
  std::vector<Int> balances_;
  std::vector<Int> values_;
  Int nav_;
  mutable std::vector<std::optional<Int>> sums_;  // by selector id
};

// Signed deviation of a target's weight from its target weight, as a fraction of 1.
Frac deviation(const Snapshot& s, const Target& t) {
  if (s.nav() == 0) return Frac{-t.weight_bps, 10000};
  return Frac{s.value(t.select) * 10000 - Int(t.weight_bps) * s.nav(), s.nav() * 10000};
}

// Σ |dev_t| as a fraction of 1.
Frac total_drift(const Snapshot& s, const std::vector<Target>& targets) {
  Frac sum{0, 1};
  if (s.nav() == 0) {
    for (const auto& t : targets) sum.num += t.weight_bps;
    sum.den = 10000;
    return sum;
  }
  Int acc = 0;
  for (const auto& t : targets) {
    Int d = s.value(t.select) * 10000 - Int(t.weight_bps) * s.nav();
    acc += d < 0 ? Int(-d) : d;
  }
  return Frac{acc, s.nav() * 10000};
}

// ---------------------------------------------------------------------------------------------
// Findings

Finding make_finding(const std::string& rule, const RuleMeta& meta, std::string subject, std::string message) {
  Finding f;
  f.rule = rule;
  f.severity = meta.severity;
  f.id = meta.id;
  f.subject = std::move(subject);
  f.path = meta.path;
  f.message = std::move(message);
  return f;
}

// A portfolio bound: figure <= limit (upper) or figure >= limit (lower), with no-worsening.
struct Bound {
  std::string rule;
  const RuleMeta* meta;
  std::string subject;
  std::string what;  // "weight of stable", "runway of stable"
  Unit unit;
  std::string unit_label;
  bool upper;
  Frac limit;
};

void check_bound(const Bound& b, const Frac* before, const Frac& after, std::vector<Finding>& out) {
  int c = compare(after, b.limit);
  bool breached = b.upper ? c > 0 : c < 0;
  if (!breached) return;
  std::string msg = b.what + " is " + fmt(after, b.unit) + " " + b.unit_label + ", " +
                    (b.upper ? "above the maximum " : "below the minimum ") + fmt(b.limit, b.unit);
  Finding f = make_finding(b.rule, *b.meta, b.subject, "");
  if (before) {
    int w = compare(after, *before);
    bool worse = b.upper ? w > 0 : w < 0;
    f.before = fmt(*before, b.unit);
    if (worse) {
      msg += " (before: " + *f.before + ")";
    } else {
      f.severity = Severity::Warning;
      msg += " (before: " + *f.before + "; already out of policy, not made worse)";
    }
  }
  f.observed = fmt(after, b.unit);
  f.limit = fmt(b.limit, b.unit);
  f.unit = b.unit_label;
  f.message = msg;
  out.push_back(std::move(f));
}

bool has_family(const std::vector<Family>& fams, Family f) {
  return std::find(fams.begin(), fams.end(), f) != fams.end();
}

// ---------------------------------------------------------------------------------------------
// Swap simulation with the per-swap figures of SPEC section 5

// What a swap's figures need of the pool as the swap finds it (SPEC section 5): the token
// positions, mid rate, reserve of the input token, fee, and the deviation from the oracle rate.
struct PoolQuote {
  std::size_t in = 0, out = 1;
  std::optional<Frac> mid;
  std::optional<Int> reserve_in;
  Frac fee;
  std::optional<Frac> oracle_deviation;
};

struct SwapSim {
  SwapResult result;
  Int value_in, value_out;
  std::optional<Frac> loss, impact, slippage, pool_share, oracle_deviation;
  bool slippage_unbounded = false;
};

class Evaluator {
 public:
  explicit Evaluator(const Case& c)
      : p_(c.policy), t_(c.treasury), q_(c.proposal), book_(c.treasury.assets) {
    for (const auto& a : t_.assets) {
      balances0_.push_back(a.balance);
      prices_.push_back(a.price);
    }
    for (const auto& v : t_.venues) venues0_.push_back(v.state);
    now_ = q_.submitted_at ? *q_.submitted_at : t_.as_of;
  }

  Report check();
  Report status();

 private:
  const Policy& p_;
  const Treasury& t_;
  const Proposal& q_;
  Book book_;
  std::vector<Int> balances0_;
  std::vector<Int> prices_;
  std::vector<VenueState> venues0_;
  Time now_;

  const std::string& numeraire() const { return t_.numeraire; }
  const Asset& asset(std::size_t i) const { return t_.assets[i]; }

  std::size_t position(const Venue& v, std::size_t asset_index, std::size_t fallback) const {
    for (std::size_t k = 0; k < v.tokens.size(); ++k)
      if (v.tokens[k] == asset_index) return k;
    return fallback;
  }

  PoolQuote pool_quote(const SwapAction& s, const VenueState& state) const;
  SwapSim simulate(const SwapAction& s, const Int& amount, VenueState& state, const PoolQuote& q) const;
  std::optional<Int> max_passing(const SwapAction& s, const VenueState& state, const PoolQuote& q,
                                 const std::function<std::optional<Frac>(const SwapSim&)>& figure,
                                 const Frac& limit) const;

  void portfolio_rules(const Snapshot* before, const Snapshot& after, const std::string& prefix,
                       const std::vector<Family>& families, std::vector<Finding>& out) const;
  void swap_rules(const Action& a, const SwapSim& sim, const VenueState& state_before, const PoolQuote& q,
                  std::vector<Finding>& out) const;
  void proposal_rules(const Snapshot& before, const Int& traded, const Int& lost, bool any_swap,
                      std::vector<Finding>& out) const;
  void allocation_rules(const Snapshot& after, std::vector<Finding>& out) const;
  void cooldown_rule(std::vector<Finding>& out) const;
  std::vector<Int> shocked_prices(const StressScenario& sc) const;
  StateFigures figures(const Snapshot& s) const;
  void stress(const Snapshot& before, const Snapshot* after, Report& r) const;
};

PoolQuote Evaluator::pool_quote(const SwapAction& s, const VenueState& state) const {
  const Venue& v = t_.venues[s.venue];
  PoolQuote q;
  q.in = position(v, s.sell, 0);
  q.out = position(v, s.buy, 1);
  q.mid = mid_rate(state, q.in, q.out);
  q.reserve_in = reserve_of(state, q.in);
  q.fee = fee_fraction(state);
  const Asset& a_in = asset(s.sell);
  const Asset& a_out = asset(s.buy);
  if (q.mid && q.mid->num > 0 && a_in.price > 0 && a_out.price > 0) {
    // oracle rate, out base units per in base unit
    Frac oracle{a_in.price * pow10(a_out.decimals), a_out.price * pow10(a_in.decimals)};
    Int diff = q.mid->num * oracle.den - oracle.num * q.mid->den;
    if (diff < 0) diff = -diff;
    q.oracle_deviation = Frac{diff, oracle.num * q.mid->den};
  }
  return q;
}

SwapSim Evaluator::simulate(const SwapAction& s, const Int& amount, VenueState& state, const PoolQuote& q) const {
  SwapRequest rq;
  rq.in = q.in;
  rq.out = q.out;
  rq.exact_in = s.exact_in;
  rq.amount = amount;
  rq.bound = s.bound;
  SwapSim sim;
  const Asset& a_in = asset(s.sell);
  const Asset& a_out = asset(s.buy);
  const std::optional<Frac>& mid = q.mid;
  const std::optional<Int>& reserve_in = q.reserve_in;
  const Frac& fee = q.fee;
  sim.oracle_deviation = q.oracle_deviation;
  sim.result = swap(state, rq);
  if (!sim.result.ok) return sim;
  const Int& in = sim.result.amount_in;
  const Int& out = sim.result.amount_out;
  sim.value_in = value_of(a_in, in, prices_[s.sell]);
  sim.value_out = value_of(a_out, out, prices_[s.buy]);
  if (sim.value_in > 0) sim.loss = Frac{sim.value_in - sim.value_out, sim.value_in};
  if (mid && mid->num > 0 && in > 0) {
    Int in_net = in * (fee.den - fee.num);  // input after fee, times fee.den
    sim.impact = Frac{in_net * mid->num - out * fee.den * mid->den, in_net * mid->num};
  }
  if (reserve_in && *reserve_in > 0) sim.pool_share = Frac{in, *reserve_in};
  if (s.exact_in) {
    Int min_out = s.bound ? *s.bound : Int(0);
    if (out > 0) sim.slippage = Frac{out - min_out, out};
    else if (min_out == 0) sim.slippage = Frac{1, 1};  // buys nothing and accepts it: 100 %
  } else if (s.bound) {
    sim.slippage = Frac{*s.bound - in, in};
  } else {
    sim.slippage_unbounded = true;
  }
  return sim;
}

// The largest amount (of the action's stated amount) whose simulation passes the rule
// `figure <= limit`: that amount passes and one base unit more fails. The proposed amount fails.
// Search: a few interpolation steps on the figure (value and pool share are proportional to the
// amount, loss and price impact nearly affine) land next to the answer; a gallop from there
// brackets it and a bisection of that bracket makes it exact. Where the figure is flat over wide
// ranges (an exact output bought with a coarser token) this costs about what plain bisection
// does; where it is smooth, a handful of simulations instead of one per bit of the amount.
std::optional<Int> Evaluator::max_passing(const SwapAction& s, const VenueState& state, const PoolQuote& q,
                                          const std::function<std::optional<Frac>(const SwapSim&)>& figure,
                                          const Frac& limit) const {
  // The figure in units of 2^-64 (floor), for interpolation only: exactness comes from the probes.
  auto scaled = [](const Frac& f) { return floor_div(f.num << 64, f.den); };
  const Int lim = scaled(limit);
  struct Probe {
    bool pass = false;
    std::optional<Int> fig;  // scaled figure, when the swap executes and the figure is defined
  };
  auto probe = [&](const Int& amount) {
    VenueState copy = state;
    SwapSim sim = simulate(s, amount, copy, q);
    Probe p;
    if (!sim.result.ok) return p;
    auto f = figure(sim);
    if (!f) return p;
    p.pass = compare(*f, limit) <= 0;
    p.fig = scaled(*f);
    return p;
  };
  Int lo = 0, hi = s.amount;  // lo passes (or is 0), hi fails
  const Probe proposed = probe(hi);
  if (proposed.pass) return hi;  // not expected: the caller found the proposed amount failing
  // Secant steps through the two latest probes (the first from 0, assuming a proportional
  // figure), kept inside the bracket; a step that fails to halve the bracket twice running is
  // replaced by a bisection step.
  std::optional<Int> f_last = proposed.fig;
  Int x_last = hi, x_prev = 0, f_prev = 0;
  bool last_passed = false, flat = false;
  int slow = 0;
  for (int round = 0; round < 16 && hi - lo > 1 && f_last; ++round) {
    const Int width = hi - lo;
    Int c;
    if (slow >= 2) {
      c = lo + width / 2;
      slow = 0;
    } else {
      if (*f_last == f_prev) {  // flat: nothing to interpolate
        flat = true;
        break;
      }
      c = x_last + floor_div((x_last - x_prev) * (lim - *f_last), *f_last - f_prev);
      if (c <= lo) c = lo + 1;
      if (c >= hi) c = hi - 1;
    }
    const Probe p = probe(c);
    last_passed = p.pass;
    if (p.pass) lo = c; else hi = c;
    slow = (hi - lo) * 2 > width ? slow + 1 : 0;
    x_prev = x_last;
    f_prev = *f_last;
    x_last = c;
    f_last = p.fig;
  }
  // Gallop away from the last probe until the answer is bracketed, starting from a step of about
  // the last correction (the secant's error shrinks faster than its corrections); not on a flat.
  Int step = x_last > x_prev ? Int(x_last - x_prev) : Int(x_prev - x_last);
  step >>= 4;
  if (step < 1) step = 1;
  for (; !flat && hi - lo > 1 && step * 2 < hi - lo; step *= 2) {
    if (last_passed) {
      const Int c = lo + step;
      if (probe(c).pass) lo = c; else { hi = c; break; }
    } else {
      const Int c = hi - step;
      if (!probe(c).pass) hi = c; else { lo = c; break; }
    }
  }
  while (hi - lo > 1) {
    const Int mid = (lo + hi) / 2;
    if (probe(mid).pass) lo = mid; else hi = mid;
  }
  return lo;
}

void Evaluator::swap_rules(const Action& a, const SwapSim& sim, const VenueState& state_before,
                           const PoolQuote& q, std::vector<Finding>& out) const {
  const SwapAction& s = a.swap;
  const Execution& x = p_.execution;
  const Venue& v = t_.venues[s.venue];
  const std::string amount_field = s.exact_in ? "amount_in" : "amount_out";
  auto add = [&](const std::string& rule, const RuleMeta& meta, std::string subject, std::string msg) -> Finding& {
    Finding f = make_finding(rule, meta, std::move(subject), std::move(msg));
    f.path = a.path;
    f.rule_path = meta.path;
    out.push_back(std::move(f));
    return out.back();
  };
  // A bps rule on an optional figure, with max_passing when `tight`.
  auto bps_rule = [&](const std::string& rule, const std::optional<Threshold<long long>>& th,
                      const std::optional<Frac> SwapSim::*field, const std::string& what, bool tight) {
    if (!th || !(sim.*field)) return;
    const Frac& fig = *(sim.*field);
    Frac lim = bps_frac(th->value);
    if (compare(fig, lim) <= 0) return;
    Finding& f = add(rule, th->meta, v.id,
                     what + " is " + fmt(fig, Unit::Bps) + " bps, above the maximum " + fmt(lim, Unit::Bps));
    f.observed = fmt(fig, Unit::Bps);
    f.limit = fmt(lim, Unit::Bps);
    f.unit = "bps";
    if (tight) {
      auto mp = max_passing(s, state_before, q, [&](const SwapSim& o) { return o.*field; }, lim);
      if (mp) {
        f.max_passing = to_string(*mp);
        f.message += "; the largest passing " + amount_field + " is " + *f.max_passing;
      }
    }
  };

  if (x.venues_allow) {
    const auto& allow = x.venues_allow->value;
    if (std::find(allow.begin(), allow.end(), v.id) == allow.end()) {
      Finding& f = add("venue.not_allowed", x.venues_allow->meta, v.id, "venue " + quote(v.id) + " is not in the venue allowlist");
      f.observed = v.id;
    }
  }
  if (p_.assets_allow && !book_.any_match(s.buy, p_.assets_allow->value)) {
    Finding& f = add("asset.not_allowed", p_.assets_allow->meta, asset(s.buy).id,
                     "buys " + quote(asset(s.buy).id) + ", which matches no selector of the asset allowlist");
    f.observed = asset(s.buy).id;
  }
  if (x.max_trade_value && sim.value_in > x.max_trade_value->value) {
    const Int& lim = x.max_trade_value->value;
    Finding& f = add("trade.max_value", x.max_trade_value->meta, v.id,
                     "trade value " + fmt(value_frac(sim.value_in), Unit::Value) + " " + numeraire() +
                         " is above the maximum " + fmt(value_frac(lim), Unit::Value));
    f.observed = fmt(value_frac(sim.value_in), Unit::Value);
    f.limit = fmt(value_frac(lim), Unit::Value);
    f.unit = numeraire();
    auto mp = max_passing(s, state_before, q, [](const SwapSim& o) { return std::optional<Frac>(Frac{o.value_in, 1}); },
                          Frac{lim, 1});
    if (mp) {
      f.max_passing = to_string(*mp);
      f.message += "; the largest passing " + amount_field + " is " + *f.max_passing;
    }
  }
  bps_rule("swap.loss", x.max_loss_bps, &SwapSim::loss, "loss against the oracle", true);
  bps_rule("swap.price_impact", x.max_price_impact_bps, &SwapSim::impact, "price impact", true);
  if (x.max_slippage_bps) {
    if (sim.slippage_unbounded) {
      Finding& f = add("swap.slippage", x.max_slippage_bps->meta, v.id,
                       "slippage tolerance is unbounded (no max_amount_in), above the maximum " +
                           fmt(bps_frac(x.max_slippage_bps->value), Unit::Bps) + " bps");
      f.limit = fmt(bps_frac(x.max_slippage_bps->value), Unit::Bps);
      f.unit = "bps";
    } else {
      bps_rule("swap.slippage", x.max_slippage_bps, &SwapSim::slippage, "slippage tolerance", false);
    }
  }
  if (x.require_min_out && x.require_min_out->value && !s.bound) {
    add("swap.min_out_missing", x.require_min_out->meta, v.id,
        s.exact_in ? "no min_amount_out: the swap accepts any output" : "no max_amount_in: the swap accepts any input");
  }
  if (s.bound) {
    bool unreachable = s.exact_in ? *s.bound > sim.result.amount_out : *s.bound < sim.result.amount_in;
    if (unreachable) {
      RuleMeta meta;
      meta.severity = Severity::Warning;
      const std::string bound_field = s.exact_in ? "min_amount_out" : "max_amount_in";
      const std::string& token = asset(s.exact_in ? s.buy : s.sell).id;
      Finding& f = add("swap.min_out_unreachable", meta, v.id, "");
      f.rule_path.clear();
      f.observed = to_string(*s.bound);
      f.limit = to_string(s.exact_in ? sim.result.amount_out : sim.result.amount_in);
      f.unit = token;
      f.message = bound_field + " " + *f.observed + " " + token + (s.exact_in ? " is above" : " is below") +
                  " the simulated " + (s.exact_in ? "output " : "input ") + *f.limit +
                  ": the swap would revert at the snapshot state";
    }
  }
  bps_rule("swap.pool_share", x.max_pool_share_bps, &SwapSim::pool_share, "pool share", true);
  bps_rule("swap.oracle_deviation", x.max_oracle_deviation_bps, &SwapSim::oracle_deviation,
           "pool price deviation from the oracle", false);
}

void Evaluator::portfolio_rules(const Snapshot* before, const Snapshot& after, const std::string& prefix,
                                const std::vector<Family>& families, std::vector<Finding>& out) const {
  if (has_family(families, Family::Targets)) {
    for (const auto& t : p_.targets) {
      Frac d_after = deviation(after, t);
      Frac band = bps_frac(t.band_bps);
      if (compare(abs(d_after), band) <= 0) continue;
      std::string head = "weight of " + t.select + " deviates " + signed_bps(d_after) + " bps from its target " +
                         std::to_string(t.weight_bps) + " (band " + fmt(band, Unit::Bps) + ")";
      Finding f;
      if (before) {
        Frac d_before = deviation(*before, t);
        bool grew = compare(abs(d_after), abs(d_before)) > 0;
        f = make_finding(prefix + (grew ? "target.drift" : "target.outside_band"), t.meta, t.select,
                         head + (grew ? ", up from " : ", not worse than ") + signed_bps(d_before));
        if (!grew) f.severity = Severity::Warning;
        f.before = signed_bps(d_before);
      } else {
        f = make_finding(prefix + "target.outside_band", t.meta, t.select, head);
        f.severity = Severity::Warning;
      }
      f.observed = signed_bps(d_after);
      f.limit = fmt(band, Unit::Bps);
      f.unit = "bps";
      out.push_back(std::move(f));
    }
  }
  if (has_family(families, Family::Limits)) {
    for (const auto& l : p_.limits) {
      auto ratio = [&](const Snapshot& s) -> Frac {
        if (!l.of) return s.weight(l.select);
        Int group = s.value(*l.of);
        return group == 0 ? Frac{0, 1} : Frac{s.value_both(l.select, *l.of), group};
      };
      std::string subject = l.select + (l.of ? " of " + *l.of : "");
      std::string what = "weight of " + l.select + (l.of ? " within " + *l.of : "");
      Frac fa = ratio(after);
      std::optional<Frac> fb;
      if (before) fb = ratio(*before);
      if (l.max_bps)
        check_bound({prefix + "limit.max", &l.meta, subject, what, Unit::Bps, "bps", true, bps_frac(*l.max_bps)},
                    fb ? &*fb : nullptr, fa, out);
      if (l.min_bps)
        check_bound({prefix + "limit.min", &l.meta, subject, what, Unit::Bps, "bps", false, bps_frac(*l.min_bps)},
                    fb ? &*fb : nullptr, fa, out);
    }
  }
  if (has_family(families, Family::Floors)) {
    for (const auto& f : p_.floors) {
      if (f.min_months && t_.monthly_opex && *t_.monthly_opex > 0) {
        Frac fa{after.value(f.select), *t_.monthly_opex};
        std::optional<Frac> fb;
        if (before) fb = Frac{before->value(f.select), *t_.monthly_opex};
        check_bound({prefix + "floor.runway", &f.meta, f.select, "runway of " + f.select, Unit::Months, "months",
                     false, Frac{*f.min_months, wad()}},
                    fb ? &*fb : nullptr, fa, out);
      }
      if (f.min_value) {
        Frac fa = value_frac(after.value(f.select));
        std::optional<Frac> fb;
        if (before) fb = value_frac(before->value(f.select));
        check_bound({prefix + "floor.value", &f.meta, f.select, "value of " + f.select, Unit::Value, numeraire(),
                     false, value_frac(*f.min_value)},
                    fb ? &*fb : nullptr, fa, out);
      }
    }
  }
  if (has_family(families, Family::Backing)) {
    for (const auto& b : p_.backing) {
      const Int& liability = t_.liabilities.at(b.liability);
      if (liability == 0) continue;  // nothing to back
      Frac fa{after.value(b.select), liability};
      std::optional<Frac> fb;
      if (before) fb = Frac{before->value(b.select), liability};
      check_bound({prefix + "backing.ratio", &b.meta, b.select, "backing of " + b.liability + " by " + b.select,
                   Unit::Bps, "bps", false, bps_frac(b.min_ratio_bps)},
                  fb ? &*fb : nullptr, fa, out);
    }
  }
}

void Evaluator::cooldown_rule(std::vector<Finding>& out) const {
  const auto& cd = p_.execution.cooldown_hours;
  if (!cd) return;
  const HistoryEntry* last = nullptr;
  for (const auto& h : t_.history)
    if (h.kind == "swap" && (!last || last->at < h.at)) last = &h;
  if (!last) return;
  Int elapsed_ns = (Int(now_.seconds) - last->at.seconds) * 1000000000 + (now_.nanos - last->at.nanos);
  Int needed_ns = Int(cd->value) * 3600 * 1000000000;
  if (elapsed_ns >= needed_ns) return;
  Frac hours{elapsed_ns, Int(3600) * 1000000000};
  Finding f = make_finding("cooldown", cd->meta, "swap",
                           "last swap was " + fmt(hours, Unit::Months) + " hours before, the cooldown is " +
                               std::to_string(cd->value) + " hours");
  f.observed = fmt(hours, Unit::Months);
  f.limit = std::to_string(cd->value) + ".00";
  f.unit = "hours";
  out.push_back(std::move(f));
}

void Evaluator::proposal_rules(const Snapshot& before, const Int& traded, const Int& lost, bool any_swap,
                               std::vector<Finding>& out) const {
  const Execution& x = p_.execution;
  if (x.max_proposal_value && traded > x.max_proposal_value->value) {
    Finding f = make_finding("proposal.max_value", x.max_proposal_value->meta, "proposal",
                             "proposal trades " + fmt(value_frac(traded), Unit::Value) + " " + numeraire() +
                                 ", above the maximum " + fmt(value_frac(x.max_proposal_value->value), Unit::Value));
    f.observed = fmt(value_frac(traded), Unit::Value);
    f.limit = fmt(value_frac(x.max_proposal_value->value), Unit::Value);
    f.unit = numeraire();
    out.push_back(std::move(f));
  }
  auto in_window = [&](const HistoryEntry& h, long long hours) {
    Time start{now_.seconds - hours * 3600, now_.nanos};
    return h.kind == "swap" && !(h.at < start);
  };
  if (any_swap) {
    for (const auto& b : x.budgets) {
      Int hist = 0;
      for (const auto& h : t_.history)
        if (in_window(h, b.window_hours)) hist += h.value;
      Int total = hist + traded;
      if (total <= b.max_value) continue;
      Finding f = make_finding("budget.window", b.meta, "proposal",
                               "traded over the last " + std::to_string(b.window_hours) + " hours would be " +
                                   fmt(value_frac(total), Unit::Value) + " " + numeraire() + " (history " +
                                   fmt(value_frac(hist), Unit::Value) + " + proposal " +
                                   fmt(value_frac(traded), Unit::Value) + "), above the budget " +
                                   fmt(value_frac(b.max_value), Unit::Value));
      f.observed = fmt(value_frac(total), Unit::Value);
      f.limit = fmt(value_frac(b.max_value), Unit::Value);
      f.before = fmt(value_frac(hist), Unit::Value);
      f.unit = numeraire();
      out.push_back(std::move(f));
    }
    if (x.loss_budget) {
      const LossBudget& lb = *x.loss_budget;
      Int hist = 0;
      for (const auto& h : t_.history)
        if (in_window(h, lb.window_hours) && h.loss > 0) hist += h.loss;
      Int total = hist + lost;
      if (total * 10000 > Int(lb.max_bps) * before.nav()) {
        Finding f = make_finding("budget.loss", lb.meta, "proposal", "");
        f.limit = fmt(bps_frac(lb.max_bps), Unit::Bps);
        f.unit = "bps";
        if (before.nav() > 0) {
          f.observed = fmt(Frac{total, before.nav()}, Unit::Bps);
          f.before = fmt(Frac{hist, before.nav()}, Unit::Bps);
        }
        f.message = "loss over the last " + std::to_string(lb.window_hours) + " hours would be " +
                    fmt(value_frac(total), Unit::Value) + " " + numeraire() + " (" +
                    (f.observed ? *f.observed : std::string("n/a")) + " bps of NAV; history " +
                    fmt(value_frac(hist), Unit::Value) + " + proposal " + fmt(value_frac(lost), Unit::Value) +
                    "), above the budget of " + *f.limit + " bps";
        out.push_back(std::move(f));
      }
    }
    cooldown_rule(out);
  }
}

void Evaluator::allocation_rules(const Snapshot& after, std::vector<Finding>& out) const {
  for (std::size_t i = 0; i < q_.allocation.size(); ++i) {
    const auto& c = q_.allocation[i];
    Frac w = after.weight(c.select);
    Frac claimed = bps_frac(c.weight_bps);
    Frac diff{w.num * claimed.den - claimed.num * w.den, w.den * claimed.den};
    if (compare(abs(diff), bps_frac(c.tolerance_bps)) <= 0) continue;
    Finding f = make_finding("allocation.mismatch", c.meta, c.select,
                             "the proposal claims " + c.select + " at " + fmt(claimed, Unit::Bps) + " ± " +
                                 std::to_string(c.tolerance_bps) + " bps, the simulation gives " + fmt(w, Unit::Bps));
    f.observed = fmt(w, Unit::Bps);
    f.limit = fmt(claimed, Unit::Bps);
    f.unit = "bps";
    out.push_back(std::move(f));
  }
}

std::vector<Int> Evaluator::shocked_prices(const StressScenario& sc) const {
  std::vector<Int> prices = prices_;
  for (const auto& sh : sc.shocks)
    for (std::size_t i : book_.members(sh.select)) {
      Int p = prices[i] * (10000 + sh.change_bps) / 10000;
      prices[i] = p < 0 ? Int(0) : p;
    }
  return prices;
}

void Evaluator::stress(const Snapshot& before_base, const Snapshot* after_base, Report& r) const {
  for (const auto& sc : p_.stress) {
    // Only the shocked assets change value: move copies of the unshocked snapshots.
    std::vector<Int> prices = shocked_prices(sc);
    Snapshot before = before_base;
    std::optional<Snapshot> after;
    if (after_base) after = *after_base;
    for (std::size_t i = 0; i < prices.size(); ++i) {
      if (prices[i] == prices_[i]) continue;
      before.update(i, before.balances()[i], prices[i]);
      if (after) after->update(i, after->balances()[i], prices[i]);
    }
    StressOutcome o;
    o.name = sc.name;
    if (after)
      portfolio_rules(&before, *after, "stress.", sc.check, o.findings);
    else
      portfolio_rules(nullptr, before, "stress.", sc.check, o.findings);
    for (auto& f : o.findings) {
      if (sc.meta.severity == Severity::Warning) f.severity = Severity::Warning;
      f.message = sc.name + ": " + f.message;
    }
    sort_findings(o.findings);
    r.stress.push_back(std::move(o));
  }
}

StateFigures Evaluator::figures(const Snapshot& s) const {
  StateFigures f;
  f.nav = fmt(value_frac(s.nav()), Unit::Value);
  for (std::size_t i = 0; i < t_.assets.size(); ++i) {
    Frac w = s.nav() == 0 ? Frac{0, 1} : Frac{s.values()[i], s.nav()};
    f.assets.push_back({t_.assets[i].id, to_string(s.balances()[i]), fmt(value_frac(s.values()[i]), Unit::Value),
                        fmt(w, Unit::Bps)});
  }
  auto add_sel = [&](const std::string& sel) {
    f.selectors[sel] = SelectorFigure{fmt(value_frac(s.value(sel)), Unit::Value), fmt(s.weight(sel), Unit::Bps)};
  };
  for (const auto& t : p_.targets) add_sel(t.select);
  for (const auto& l : p_.limits) {
    add_sel(l.select);
    if (l.of) add_sel(*l.of);
  }
  for (const auto& x : p_.floors) add_sel(x.select);
  for (const auto& b : p_.backing) add_sel(b.select);
  for (const auto& c : q_.allocation) add_sel(c.select);
  for (const auto& t : p_.targets) {
    Frac d = deviation(s, t);
    f.targets.push_back({t.select, t.weight_bps, t.band_bps, fmt(s.weight(t.select), Unit::Bps), signed_bps(d),
                         compare(abs(d), bps_frac(t.band_bps)) <= 0});
  }
  if (!p_.targets.empty()) f.total_drift_bps = fmt(total_drift(s, p_.targets), Unit::Bps);
  if (t_.monthly_opex && *t_.monthly_opex > 0)
    for (const auto& x : p_.floors)
      if (x.min_months) f.runway_months[x.select] = fmt(Frac{s.value(x.select), *t_.monthly_opex}, Unit::Months);
  for (const auto& b : p_.backing) {
    const Int& l = t_.liabilities.at(b.liability);
    BackingFigure bf{b.select, b.liability, std::nullopt};
    if (l > 0) bf.ratio_bps = fmt(Frac{s.value(b.select), l}, Unit::Bps);
    f.backing.push_back(std::move(bf));
  }
  return f;
}

Report Evaluator::check() {
  Report r;
  r.proposal_id = q_.id;
  std::vector<Int> balances = balances0_;
  std::vector<VenueState> venues = venues0_;
  Snapshot before(t_, book_, balances, prices_);
  r.before = figures(before);
  Snapshot now = before;  // follows the balances action by action

  const bool drift_rule = p_.execution.rebalance_only && p_.execution.rebalance_only->value && !p_.targets.empty();
  Int traded = 0, lost = 0;
  bool any_swap = false, infeasible = false;

  for (std::size_t i = 0; i < q_.actions.size() && !infeasible; ++i) {
    const Action& a = q_.actions[i];
    ActionFigures af;
    af.index = i;
    auto fail = [&](const std::string& subject, const std::string& why) {
      RuleMeta meta;
      meta.path = a.path;
      r.findings.push_back(make_finding("action.infeasible", meta, subject, "action " + std::to_string(i) +
                                                                                " cannot execute: " + why +
                                                                                "; the whole batch reverts"));
      r.actions.push_back(af);
      infeasible = true;
    };
    if (a.type == Action::Type::Transfer) {
      const TransferAction& tr = a.transfer;
      const Asset& as = asset(tr.asset);
      af.type = "transfer";
      af.asset = as.id;
      af.to = tr.to;
      af.amount = to_string(tr.amount);
      af.value = fmt(value_frac(value_of(as, tr.amount, prices_[tr.asset])), Unit::Value);
      if (balances[tr.asset] < tr.amount) {
        fail(as.id, "the balance of " + as.id + " is " + to_string(balances[tr.asset]) + ", the transfer needs " +
                        to_string(tr.amount));
        break;
      }
      balances[tr.asset] -= tr.amount;
      now.update(tr.asset, balances[tr.asset], prices_[tr.asset]);
      if (p_.recipients_allow) {
        const auto& allow = p_.recipients_allow->value;
        if (std::find(allow.begin(), allow.end(), tr.to) == allow.end()) {
          Finding f = make_finding("recipient.not_allowed", p_.recipients_allow->meta, tr.to,
                                   "recipient " + tr.to + " is not in the recipient allowlist");
          f.path = a.path;
          f.rule_path = p_.recipients_allow->meta.path;
          f.observed = tr.to;
          r.findings.push_back(std::move(f));
        }
      }
      r.actions.push_back(std::move(af));
      continue;
    }
    const SwapAction& s = a.swap;
    const Venue& v = t_.venues[s.venue];
    any_swap = true;
    af.type = "swap";
    af.venue = v.id;
    af.sell = asset(s.sell).id;
    af.buy = asset(s.buy).id;
    af.exact_in = s.exact_in;
    if (s.exact_in) {
      af.amount_in = to_string(s.amount);
      if (s.bound) af.min_amount_out = to_string(*s.bound);
    } else {
      af.amount_out = to_string(s.amount);
      if (s.bound) af.max_amount_in = to_string(*s.bound);
    }
    VenueState state_before = venues[s.venue];
    // swap.increases_drift compares with the state the previous action left, whatever its type.
    const Frac drift = drift_rule ? total_drift(now, p_.targets) : Frac{0, 1};
    const PoolQuote quote = pool_quote(s, venues[s.venue]);  // the pool as the swap finds it
    SwapSim sim = simulate(s, s.amount, venues[s.venue], quote);
    if (!sim.result.ok) {
      fail(v.id, sim.result.failure);
      break;
    }
    if (balances[s.sell] < sim.result.amount_in) {
      fail(asset(s.sell).id, "the balance of " + asset(s.sell).id + " is " + to_string(balances[s.sell]) +
                                 ", the swap sells " + to_string(sim.result.amount_in));
      break;
    }
    balances[s.sell] -= sim.result.amount_in;
    balances[s.buy] += sim.result.amount_out;
    now.update(s.sell, balances[s.sell], prices_[s.sell]);
    now.update(s.buy, balances[s.buy], prices_[s.buy]);
    traded += sim.value_in;
    if (sim.value_in > sim.value_out) lost += sim.value_in - sim.value_out;

    if (s.exact_in)
      af.expected_out = to_string(sim.result.amount_out);
    else
      af.expected_in = to_string(sim.result.amount_in);
    af.value_in = fmt(value_frac(sim.value_in), Unit::Value);
    af.value_out = fmt(value_frac(sim.value_out), Unit::Value);
    auto opt_bps = [](const std::optional<Frac>& f) -> std::optional<std::string> {
      if (!f) return std::nullopt;
      return fmt(*f, Unit::Bps);
    };
    af.loss_bps = opt_bps(sim.loss);
    af.price_impact_bps = opt_bps(sim.impact);
    af.slippage_bps = opt_bps(sim.slippage);
    af.pool_share_bps = opt_bps(sim.pool_share);
    af.oracle_deviation_bps = opt_bps(sim.oracle_deviation);
    r.actions.push_back(std::move(af));

    swap_rules(a, sim, state_before, quote, r.findings);
    if (drift_rule) {
      Frac d = total_drift(now, p_.targets);
      if (compare(d, drift) > 0) {
        const auto& ro = *p_.execution.rebalance_only;
        Finding f = make_finding("swap.increases_drift", ro.meta, v.id,
                                 "the swap raises total drift from " + fmt(drift, Unit::Bps) + " to " +
                                     fmt(d, Unit::Bps) + " bps while rebalance_only is set");
        f.path = a.path;
        f.rule_path = ro.meta.path;
        f.observed = fmt(d, Unit::Bps);
        f.before = fmt(drift, Unit::Bps);
        f.unit = "bps";
        r.findings.push_back(std::move(f));
      }
    }
  }

  if (!infeasible) {
    const Snapshot& after = now;
    r.after = figures(after);
    portfolio_rules(&before, after, "", {Family::Targets, Family::Limits, Family::Floors, Family::Backing}, r.findings);
    proposal_rules(before, traded, lost, any_swap, r.findings);
    allocation_rules(after, r.findings);
    stress(before, &after, r);
  } else {
    if (any_swap) cooldown_rule(r.findings);
  }
  sort_findings(r.findings);
  r.verdict = r.count(Severity::Error) > 0 ? "fail" : "pass";
  return r;
}

Report Evaluator::status() {
  Report r;
  r.mode = "status";
  Snapshot before(t_, book_, balances0_, prices_);
  r.before = figures(before);
  portfolio_rules(nullptr, before, "", {Family::Targets, Family::Limits, Family::Floors, Family::Backing}, r.findings);
  stress(before, nullptr, r);
  sort_findings(r.findings);
  r.verdict = r.count(Severity::Error) + r.count(Severity::Warning) > 0 ? "attention" : "pass";
  return r;
}

}  // namespace

std::size_t Report::count(Severity s) const {
  std::size_t n = 0;
  for (const auto& f : findings) n += f.severity == s;
  for (const auto& st : stress)
    for (const auto& f : st.findings) n += f.severity == s;
  return n;
}

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    int c = compare_pointers(a.path, b.path);
    if (c != 0) return c < 0;
    if (a.rule != b.rule) return a.rule < b.rule;
    if (a.subject != b.subject) return a.subject < b.subject;
    return a.message < b.message;
  });
}

Report evaluate(const Case& c) { return Evaluator(c).check(); }

Report evaluate_status(const Case& c) { return Evaluator(c).status(); }

Report error_report(std::vector<Diagnostic> errors, std::string mode) {
  Report r;
  r.mode = std::move(mode);
  r.verdict = "error";
  r.errors = std::move(errors);
  return r;
}

}  // namespace ballast
