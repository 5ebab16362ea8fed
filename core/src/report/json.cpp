// report/1 JSON: keys in fixed order, two-space indent, no trailing newline.
#include "ballast/render.h"

#include "json_parts.h"
#include "text_report.h"

#include <nlohmann/json.hpp>

namespace ballast {

namespace {

using namespace report;


const char* severity_name(Severity s) { return s == Severity::Error ? "error" : "warning"; }

void put(ojson& j, const char* key, const std::optional<std::string>& v) {
  if (v) j[key] = *v;
}

void put_nonempty(ojson& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}

// `human`: the finding's message written for a person (token units, money to the cent).
ojson finding_json(const FindingText& f, const std::string& human) {
  ojson j = object_with_room(16);
  j["rule"] = f.rule;
  j["severity"] = severity_name(f.severity);
  put_nonempty(j, "id", f.id);
  j["subject"] = f.subject;
  j["path"] = f.path;
  put_nonempty(j, "rule_path", f.rule_path);
  put_nonempty(j, "origin", f.origin);
  put(j, "observed", f.observed);
  put(j, "limit", f.limit);
  put(j, "before", f.before);
  put_nonempty(j, "unit", f.unit);
  put(j, "max_passing", f.max_passing);
  put_nonempty(j, "max_passing_asset", f.max_passing_asset);
  j["message"] = f.message;
  if (human != f.message) j["text"] = human;
  return j;
}

ojson findings_json(const std::vector<FindingText>& list, const std::vector<std::string>& human) {
  ojson a = ojson::array();
  for (std::size_t i = 0; i < list.size(); ++i) a.push_back(finding_json(list[i], human[i]));
  return a;
}

}  // namespace

namespace report {

ojson diagnostics_json(const std::vector<Diagnostic>& list) {
  ojson a = ojson::array();
  for (const auto& d : list) {
    ojson j = ojson::object();
    j["code"] = d.code;
    j["document"] = d.document;
    j["path"] = d.path;
    j["message"] = d.message;
    a.push_back(std::move(j));
  }
  return a;
}

}  // namespace report

namespace {

ojson state_json(const StateText& s) {
  ojson j = object_with_room(12);
  j["nav"] = s.nav;
  ojson assets = ojson::array();
  for (const auto& a : s.assets) {
    ojson x = ojson::object();
    x["id"] = a.id;
    x["balance"] = a.balance;
    x["value"] = a.value;
    x["weight_bps"] = a.weight_bps;
    x["decimals"] = a.decimals;
    assets.push_back(std::move(x));
  }
  j["assets"] = std::move(assets);
  ojson sel = object_with_room(s.selectors.size());
  for (const auto& [k, v] : s.selectors) {
    ojson x = ojson::object();
    x["value"] = v.value;
    x["weight_bps"] = v.weight_bps;
    sel[k] = std::move(x);
  }
  j["selectors"] = std::move(sel);
  ojson targets = ojson::array();
  for (const auto& t : s.targets) {
    ojson x = ojson::object();
    x["select"] = t.select;
    x["target_bps"] = t.target_bps;
    x["band_bps"] = t.band_bps;
    x["weight_bps"] = t.weight_bps;
    x["deviation_bps"] = t.deviation_bps;
    x["in_band"] = t.in_band;
    targets.push_back(std::move(x));
  }
  j["targets"] = std::move(targets);
  put(j, "total_drift_bps", s.total_drift_bps);
  ojson runway = object_with_room(s.runway_months.size());
  for (const auto& [k, v] : s.runway_months) runway[k] = v;
  j["runway_months"] = std::move(runway);
  ojson backing = ojson::array();
  for (const auto& b : s.backing) {
    ojson x = ojson::object();
    x["select"] = b.select;
    x["liability"] = b.liability;
    put(x, "ratio_bps", b.ratio_bps);
    backing.push_back(std::move(x));
  }
  j["backing"] = std::move(backing);
  return j;
}

ojson action_json(const ActionText& a) {
  ojson j = ojson::object();
  j["index"] = a.index;
  j["type"] = a.type;
  if (!a.origin.empty()) j["origin"] = a.origin;
  if (a.type == "transfer") {
    j["asset"] = a.asset;
    j["to"] = a.to;
    put(j, "amount", a.amount);
    put(j, "value", a.value);
    return j;
  }
  if (a.type == "approve") {
    j["asset"] = a.asset;
    j["spender"] = a.spender;
    put(j, "amount", a.amount);
    return j;
  }
  if (a.type == "wrap" || a.type == "unwrap") {
    j["asset"] = a.asset;  // what it takes: the native asset (wrap) or the wrapped one (unwrap)
    put(j, "amount", a.amount);
    return j;
  }
  if (a.type == "call") {
    j["to"] = a.to;
    put(j, "value", a.amount);
    if (!a.selector.empty()) j["selector"] = a.selector;
    if (a.delegatecall) j["delegatecall"] = true;
    return j;
  }
  if (a.route.empty()) {
    j["venue"] = a.venue;
  } else {
    j["route"] = a.route;
    j["via"] = a.via;
  }
  j["sell"] = a.sell;
  j["buy"] = a.buy;
  j["mode"] = a.exact_in ? "exact_in" : "exact_out";
  put(j, "amount_in", a.amount_in);
  put(j, "expected_out", a.expected_out);
  put(j, "min_amount_out", a.min_amount_out);
  put(j, "amount_out", a.amount_out);
  put(j, "expected_in", a.expected_in);
  put(j, "max_amount_in", a.max_amount_in);
  put(j, "value_in", a.value_in);
  put(j, "value_out", a.value_out);
  put(j, "loss_bps", a.loss_bps);
  put(j, "price_impact_bps", a.price_impact_bps);
  put(j, "slippage_bps", a.slippage_bps);
  put(j, "pool_share_bps", a.pool_share_bps);
  put(j, "oracle_deviation_bps", a.oracle_deviation_bps);
  if (!a.recipient.empty()) j["recipient"] = a.recipient;
  if (!a.deadline.empty()) j["deadline"] = a.deadline;
  if (!a.spender.empty()) j["spender"] = a.spender;
  if (!a.hops.empty()) {
    ojson hops = ojson::array();
    for (const auto& h : a.hops) {
      ojson x = ojson::object();
      x["venue"] = h.venue;
      x["amount_in"] = h.amount_in;
      x["amount_out"] = h.amount_out;
      put(x, "price_impact_bps", h.price_impact_bps);
      put(x, "pool_share_bps", h.pool_share_bps);
      put(x, "oracle_deviation_bps", h.oracle_deviation_bps);
      hops.push_back(std::move(x));
    }
    j["hops"] = std::move(hops);
  }
  if (a.suggested_amount) {
    ojson fix = ojson::object();
    fix[a.exact_in ? "amount_in" : "amount_out"] = *a.suggested_amount;
    put(fix, a.exact_in ? "min_amount_out" : "max_amount_in", a.suggested_bound);
    j["suggested"] = std::move(fix);
  }
  return j;
}

std::string dump(const ojson& j) { return j.dump(2, ' ', false, ojson::error_handler_t::replace); }

}  // namespace

std::string render_json(const Report& report) {
  const TextReport r = to_text(report);
  ojson j = object_with_room(24);
  j["ballast"] = "report/1";
  j["engine"] = ojson::object({{"name", "ballast"}, {"version", engine_version}});
  j["mode"] = r.mode;
  if (!r.proposal_id.empty()) j["proposal"] = r.proposal_id;
  j["verdict"] = r.verdict;
  ojson summary = ojson::object();
  summary["errors"] = r.errors_count;
  summary["warnings"] = r.warnings_count;
  summary["input_errors"] = r.errors.size();
  j["summary"] = std::move(summary);
  j["findings"] = findings_json(r.findings, human_messages(report, report.findings));
  j["errors"] = diagnostics_json(r.errors);
  if (r.before) j["before"] = state_json(*r.before);
  if (r.after) j["after"] = state_json(*r.after);
  if (r.verdict != "error" && r.mode == "check") {
    ojson actions = ojson::array();
    for (const auto& a : r.actions) actions.push_back(action_json(a));
    j["actions"] = std::move(actions);
  }
  if (r.verdict != "error") {
    ojson stress = ojson::array();
    for (std::size_t i = 0; i < r.stress.size(); ++i) {
      const auto& s = r.stress[i];
      ojson x = ojson::object();
      x["name"] = s.name;
      x["findings"] = findings_json(s.findings, human_messages(report, report.stress[i].findings));
      stress.push_back(std::move(x));
    }
    j["stress"] = std::move(stress);
  }
  return dump(j);
}

std::string render_validation_json(const std::string& kind, const std::vector<Diagnostic>& errors,
                                   const std::string& file) {
  ojson j = ojson::object();
  if (!file.empty()) j["file"] = file;
  j["valid"] = errors.empty();
  j["kind"] = kind;
  j["errors"] = diagnostics_json(errors);
  return dump(j);
}

}  // namespace ballast
