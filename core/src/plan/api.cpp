// The planner's JSON entry point (ballast.h): documents in, plan/1 (or its text, tranche 1's
// proposal, or tranche 1 as a Safe batch) out.
#include "ballast/ballast.h"
#include "ballast/calls.h"
#include "ballast/plan.h"

namespace ballast {

PlanOutput plan_output(std::string_view policy_json, std::string_view treasury_json, const PlanRequest& request,
                       const CheckLimits& limits) {
  PlanOutput result;
  auto fail = [&result](std::vector<Diagnostic> errors) {
    result.errors = std::move(errors);
    return result;
  };
  {
    Diagnostics bad;
    PlanOptions options;
    if (request.goal == "target") options.goal = PlanGoal::Target;
    else if (request.goal != "edge")
      bad.add(code::value_range, "options", "/goal", "goal " + quote(request.goal) + " is neither \"edge\" nor \"target\"");
    if (!request.at.empty()) {
      options.at = parse_time(request.at);
      if (!options.at)
        bad.add(code::type_time, "options", "/at", "time " + quote(request.at) + " is not RFC 3339 UTC (2026-11-30T12:00:00Z)");
    }
    const std::string& f = request.format;
    if (f != "json" && f != "text" && f != "proposal" && f != "safe-batch")
      bad.add(code::value_range, "options", "/format", "format " + quote(f) + " is not json, text, proposal or safe-batch");
    if (!bad.empty()) return fail(bad.take());
    Parsed<Case> in = parse_status_documents(policy_json, treasury_json, limits);
    if (!in.value) return fail(std::move(in.errors));
    const Case& c = *in.value;
    const Plan p = make_plan(c.policy, c.treasury, options);
    std::string out;
    if (f == "json") out = plan_to_json(p, c.treasury);
    else if (f == "text") out = plan_to_text(p, c.treasury, c.policy);
    else if (!p.tranches.empty() && f == "proposal") out = proposal_json(p.tranches.front().proposal, c.treasury);
    else if (!p.tranches.empty()) {
      ExportOptions eo;
      eo.deadline_hours = request.deadline_hours;
      Parsed<Export> e = export_proposal(p.tranches.front().proposal, c.treasury, eo);
      if (!e.value) return fail(std::move(e.errors));
      out = tx_builder_json(*e.value, p.tranches.front().proposal, c.treasury);
    }
    result.text = std::move(out);
    result.status = plan_status_name(p.status);
    return result;
  }
}

std::string plan_json(std::string_view policy_json, std::string_view treasury_json, const PlanRequest& request,
                      std::string* status, const CheckLimits& limits) {
  if (status) *status = "error";
  return guarded([&] {
    PlanOutput o = plan_output(policy_json, treasury_json, request, limits);
    if (status) *status = o.status;
    return o.status == "error" ? render_validation_json("plan", o.errors) : o.text;
  });
}

}  // namespace ballast
