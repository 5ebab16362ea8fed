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
  ojson j = ojson::object();
  j["ballast"] = "plan/1";
  j["engine"] = ojson::object({{"name", "ballast"}, {"version", engine_version}});
  j["status"] = plan_status_name(p.status);
  j["goal"] = plan_goal_name(p.goal);
  ojson tranches = ojson::array();
  for (const Tranche& tr : p.tranches) {
    ojson o = ojson::object();
    o["not_before"] = format_time(tr.not_before);
    o["proposal"] = proposal_object(tr.proposal, t);
    o["verdict"] = verdict_name(tr.verdict);
    o["drift_before_bps"] = bps_text(tr.drift_before);
    o["drift_after_bps"] = bps_text(tr.drift_after);
    tranches.push_back(std::move(o));
  }
  j["tranches"] = std::move(tranches);
  ojson unreached = ojson::array();
  for (const Unreached& u : p.unreached)
    unreached.push_back(ojson::object({{"rule", u.rule}, {"subject", u.subject}, {"message", report::text(u.message)}}));
  j["unreached"] = std::move(unreached);
  ojson routing = ojson::array();
  for (const Routing& r : p.routing) {
    ojson o = ojson::object();
    o["sell"] = t.assets[r.sell].id;
    o["buy"] = t.assets[r.buy].id;
    o["marginal_rate"] = rate_decimal(r.marginal, t, r.sell, r.buy);
    ojson venues = ojson::array();
    for (const SplitLeg& l : r.venues)
      venues.push_back(ojson::object({{"venue", t.venues[l.venue].id},
                                      {"amount_in", to_string(l.amount_in)},
                                      {"amount_out", to_string(l.amount_out)},
                                      {"marginal_rate", rate_decimal(l.marginal, t, r.sell, r.buy)}}));
    o["venues"] = std::move(venues);
    routing.push_back(std::move(o));
  }
  j["routing"] = std::move(routing);
  return j.dump(2, ' ', false, ojson::error_handler_t::replace);
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
