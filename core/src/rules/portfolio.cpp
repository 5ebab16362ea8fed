// Rules on the allocation after the proposal (and under stress): targets and their bands, limits,
// floors and backing, with no-worsening (docs/semantics.md, Evaluation).
#include "context.h"

namespace ballast::rules {

namespace {

// A portfolio bound: figure <= limit (upper) or figure >= limit (lower), with no-worsening.
struct Bound {
  std::string rule;
  const RuleMeta* meta;
  std::string subject;
  std::string what;  // "weight of stable", "runway of stable"
  Figure (*figure)(Frac);
  std::string unit_label;
  bool upper;
  Frac limit;
};

void check_bound(const Bound& b, const std::optional<Frac>& before, const Frac& after, std::vector<Finding>& out) {
  int c = compare(after, b.limit);
  bool breached = b.upper ? c > 0 : c < 0;
  if (!breached) return;
  Message msg;
  msg << b.what << " is " << b.figure(after) << " " << b.unit_label << ", "
      << (b.upper ? "above the maximum " : "below the minimum ") << b.figure(b.limit);
  Finding f = make_finding(b.rule, *b.meta, b.subject, {});
  if (before) {
    int w = compare(after, *before);
    bool worse = b.upper ? w > 0 : w < 0;
    f.before = b.figure(*before);
    if (worse) {
      msg << " (before: " << *f.before << ")";
    } else {
      f.severity = Severity::Warning;
      msg << " (before: " << *f.before << "; already out of policy, not made worse)";
    }
  }
  f.observed = b.figure(after);
  f.limit = b.figure(b.limit);
  f.unit = b.unit_label;
  f.message = std::move(msg);
  out.push_back(std::move(f));
}

Figure bps_figure(Frac f) { return Figure::bps(std::move(f)); }
Figure months_figure(Frac f) { return Figure::months(std::move(f)); }
Figure value_figure(Frac f) { return Figure{std::move(f), Scale::Value, {}, {}}; }

// The weight a limit bounds: of NAV, or within its `of` group.
Frac limit_ratio(const Limit& l, const sim::Snapshot& s) {
  if (!l.of) return s.weight(l.select);
  Int group = s.value(*l.of);
  return group == 0 ? Frac{0, 1} : Frac{s.value_both(l.select, *l.of), group};
}

void check_limits(const Context& x, std::vector<Finding>& out, bool max) {
  for (const auto& l : x.policy().limits) {
    const std::optional<long long>& bound = max ? l.max_bps : l.min_bps;
    if (!bound) continue;
    // Most limits hold, in every state checked (the after state, each stress scenario): the
    // finding's strings and the before state's ratio are built only for a breach.
    const Frac after = limit_ratio(l, *x.after);
    const int c = compare(after, Frac{*bound, 10000});
    if (max ? c <= 0 : c >= 0) continue;
    std::string subject = l.select + (l.of ? " of " + *l.of : "");
    std::string what = "weight of " + l.select + (l.of ? " within " + *l.of : "");
    std::optional<Frac> before;
    if (x.before) before = limit_ratio(l, *x.before);
    check_bound({x.prefix + (max ? "limit.max" : "limit.min"), &l.meta, subject, what, bps_figure, "bps", max,
                 Frac{*bound, 10000}},
                before, after, out);
  }
}

}  // namespace

void check_targets(const Context& x, std::vector<Finding>& out) {
  for (const auto& t : x.policy().targets) {
    Frac d_after = sim::deviation(*x.after, t);
    Frac band{t.band_bps, 10000};
    if (compare(abs(d_after), band) <= 0) continue;
    Message head;
    head << "weight of " << t.select << " deviates " << Figure::signed_bps(d_after) << " bps from its target "
         << std::to_string(t.weight_bps) << " (band " << Figure::bps(band) << ")";
    Finding f;
    if (x.before) {
      Frac d_before = sim::deviation(*x.before, t);
      bool grew = compare(abs(d_after), abs(d_before)) > 0;
      f = make_finding(x.prefix + (grew ? "target.drift" : "target.outside_band"), t.meta, t.select,
                       head << (grew ? ", up from " : ", not worse than ") << Figure::signed_bps(d_before));
      if (!grew) f.severity = Severity::Warning;
      f.before = Figure::signed_bps(d_before);
    } else {
      f = make_finding(x.prefix + "target.outside_band", t.meta, t.select, head);
      f.severity = Severity::Warning;
    }
    f.observed = Figure::signed_bps(d_after);
    f.limit = Figure::bps(band);
    f.unit = "bps";
    out.push_back(std::move(f));
  }
}

void check_limit_max(const Context& x, std::vector<Finding>& out) { check_limits(x, out, true); }
void check_limit_min(const Context& x, std::vector<Finding>& out) { check_limits(x, out, false); }

void check_floor_runway(const Context& x, std::vector<Finding>& out) {
  const auto& opex = x.treasury().monthly_opex;
  if (!opex || *opex <= 0) return;
  for (const auto& f : x.policy().floors) {
    if (!f.min_months) continue;
    std::optional<Frac> before;
    if (x.before) before = Frac{x.before->value(f.select), *opex};
    check_bound({x.prefix + "floor.runway", &f.meta, f.select, "runway of " + f.select, months_figure, "months", false,
                 Frac{*f.min_months, wad()}},
                before, Frac{x.after->value(f.select), *opex}, out);
  }
}

void check_floor_value(const Context& x, std::vector<Finding>& out) {
  for (const auto& f : x.policy().floors) {
    if (!f.min_value) continue;
    std::optional<Frac> before;
    if (x.before) before = Frac{x.before->value(f.select), wad()};
    check_bound({x.prefix + "floor.value", &f.meta, f.select, "value of " + f.select, value_figure, x.numeraire(),
                 false, Frac{*f.min_value, wad()}},
                before, Frac{x.after->value(f.select), wad()}, out);
  }
}

void check_backing(const Context& x, std::vector<Finding>& out) {
  for (const auto& b : x.policy().backing) {
    const Int& liability = x.treasury().liabilities.at(b.liability);
    if (liability == 0) continue;  // nothing to back
    std::optional<Frac> before;
    if (x.before) before = Frac{x.before->value(b.select), liability};
    check_bound({x.prefix + "backing.ratio", &b.meta, b.select, "backing of " + b.liability + " by " + b.select,
                 bps_figure, "bps", false, Frac{b.min_ratio_bps, 10000}},
                before, Frac{x.after->value(b.select), liability}, out);
  }
}

}  // namespace ballast::rules
