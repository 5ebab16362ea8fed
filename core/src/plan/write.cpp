// A plan written out: plan/1 JSON (core/schemas/plan.schema.json) and the text a person reads.
#include "../calls/write.h"
#include "../report/text_report.h"
#include "../text_out.h"
#include "ballast/plan.h"

namespace ballast {

namespace {

// A marginal rate in base units as a Decimal of whole tokens of `buy` per whole token of `sell`
// (18 places at most, rounded half to even, no trailing zeros).
std::string rate_decimal(const Frac& rate, const Treasury& t, std::size_t sell, std::size_t buy) {
  if (rate.den == 0) return "0";
  std::string s = to_fixed(rate.num * pow10(t.assets[sell].decimals), rate.den * pow10(t.assets[buy].decimals), 18);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

}  // namespace

std::string plan_to_json(const Plan& p, const Treasury& t) {
  report::JsonWriter w;
  w.begin_document("plan/1");
  w.field("status", plan_status_name(p.status));
  w.field("goal", plan_goal_name(p.goal));
  w.key("tranches").begin_array();
  for (const Tranche& tr : p.tranches) {
    w.begin_object();
    w.field("not_before", format_time(tr.not_before));
    write_proposal(w.key("proposal"), tr.proposal, t);
    w.field("verdict", verdict_name(tr.verdict));
    w.field("drift_before_bps", bps_text(tr.drift_before));
    w.field("drift_after_bps", bps_text(tr.drift_after));
    w.end_object();
  }
  w.end_array();
  w.key("unreached").begin_array();
  for (const Unreached& u : p.unreached) {
    w.begin_object();
    w.field("rule", u.rule);
    w.field("subject", u.subject);
    w.field("message", report::text(u.message));
    w.end_object();
  }
  w.end_array();
  w.key("routing").begin_array();
  for (const Routing& r : p.routing) {
    w.begin_object();
    w.field("sell", t.assets[r.sell].id);
    w.field("buy", t.assets[r.buy].id);
    w.field("marginal_rate", rate_decimal(r.marginal, t, r.sell, r.buy));
    w.key("venues").begin_array();
    for (const SplitLeg& l : r.venues) {
      w.begin_object();
      w.field("venue", t.venues[l.venue].id);
      w.field("amount_in", to_string(l.amount_in));
      w.field("amount_out", to_string(l.amount_out));
      w.field("marginal_rate", rate_decimal(l.marginal, t, r.sell, r.buy));
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

std::string plan_to_text(const Plan& p, const Treasury& t, const Policy& policy) {
  TextOut o;
  o << "plan " << plan_status_name(p.status) << " (goal " << plan_goal_name(p.goal) << ")";
  if (!policy.name.empty()) o << " for " << policy.name;
  o << ": " << p.tranches.size() << " tranche" << (p.tranches.size() == 1 ? "" : "s") << "\n";
  for (std::size_t k = 0; k < p.tranches.size(); ++k) {
    const Tranche& tr = p.tranches[k];
    o << "\ntranche " << (k + 1) << ", not before " << format_time(tr.not_before) << " (check: "
      << verdict_name(tr.verdict) << "; drift " << bps_text(tr.drift_before) << " -> " << bps_text(tr.drift_after)
      << " bps)\n";
    for (std::size_t i = 0; i < tr.proposal.actions.size(); ++i)
      o << "  #" << i << " " << action_line(tr.proposal.actions[i], t) << "\n";
  }
  if (!p.routing.empty()) {
    o << "\nrouting of tranche 1 (marginal rates, fees included):\n";
    for (const Routing& r : p.routing) {
      o << "  " << t.assets[r.sell].id << " -> " << t.assets[r.buy].id << " at "
        << rate_decimal(r.marginal, t, r.sell, r.buy) << " " << t.assets[r.buy].id << " per " << t.assets[r.sell].id
        << "\n";
      for (const SplitLeg& l : r.venues)
        o << "    " << t.venues[l.venue].id << ": " << report::units(l.amount_in, t.assets[r.sell].decimals) << " "
          << t.assets[r.sell].id << " -> " << report::units(l.amount_out, t.assets[r.buy].decimals) << " "
          << t.assets[r.buy].id << ", marginal " << rate_decimal(l.marginal, t, r.sell, r.buy) << "\n";
    }
  }
  if (!p.unreached.empty()) {
    o << "\nunreached:\n";
    for (const Unreached& u : p.unreached) o << "  " << u.rule << " (" << u.subject << "): " << report::text(u.message) << "\n";
  }
  return o.str();
}

}  // namespace ballast
