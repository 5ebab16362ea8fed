// report/1 JSON: keys in fixed order, two-space indent, no trailing newline. Written as it goes
// (JsonWriter), without a tree of the report first.
#include "ballast/render.h"

#include "json_writer.h"
#include "text_report.h"

namespace ballast {

namespace {

using namespace report;

const char* severity_name(Severity s) { return s == Severity::Error ? "error" : "warning"; }

// `human`: the finding's message written for a person (token units, money to the cent).
void write_finding(JsonWriter& w, const FindingText& f, const std::string& human) {
  w.begin_object();
  w.field("rule", f.rule);
  w.field("severity", severity_name(f.severity));
  w.field_nonempty("id", f.id);
  w.field("subject", f.subject);
  w.field("path", f.path);
  w.field_nonempty("rule_path", f.rule_path);
  w.field_nonempty("origin", f.origin);
  w.field("observed", f.observed);
  w.field("limit", f.limit);
  w.field("before", f.before);
  w.field_nonempty("unit", f.unit);
  w.field("max_passing", f.max_passing);
  w.field_nonempty("max_passing_asset", f.max_passing_asset);
  w.field("message", f.message);
  if (human != f.message) w.field("text", human);
  w.end_object();
}

void write_findings(JsonWriter& w, const std::vector<FindingText>& list, const std::vector<std::string>& human) {
  w.begin_array();
  for (std::size_t i = 0; i < list.size(); ++i) write_finding(w, list[i], human[i]);
  w.end_array();
}

void write_state(JsonWriter& w, const StateText& s) {
  w.begin_object();
  w.field("nav", s.nav);
  w.key("assets").begin_array();
  for (const auto& a : s.assets) {
    w.begin_object();
    w.field("id", a.id);
    w.field("balance", a.balance);
    w.field("value", a.value);
    w.field("weight_bps", a.weight_bps);
    w.field("decimals", static_cast<std::size_t>(a.decimals));
    w.end_object();
  }
  w.end_array();
  w.key("selectors").begin_object();
  for (const auto& [k, v] : s.selectors) {
    w.key(k).begin_object();
    w.field("value", v.value);
    w.field("weight_bps", v.weight_bps);
    w.end_object();
  }
  w.end_object();
  w.key("targets").begin_array();
  for (const auto& t : s.targets) {
    w.begin_object();
    w.field("select", t.select);
    w.field("target_bps", t.target_bps);
    w.field("band_bps", t.band_bps);
    w.field("weight_bps", t.weight_bps);
    w.field("deviation_bps", t.deviation_bps);
    w.field("in_band", t.in_band);
    w.end_object();
  }
  w.end_array();
  w.field("total_drift_bps", s.total_drift_bps);
  w.key("runway_months").begin_object();
  for (const auto& [k, v] : s.runway_months) w.field(k, v);
  w.end_object();
  w.key("backing").begin_array();
  for (const auto& b : s.backing) {
    w.begin_object();
    w.field("select", b.select);
    w.field("liability", b.liability);
    w.field("ratio_bps", b.ratio_bps);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

// The fields of a swap (one venue or a route), after index, type and origin.
void write_swap_fields(JsonWriter& w, const ActionText& a) {
  if (a.route.empty()) {
    w.field("venue", a.venue);
  } else {
    w.field("route", a.route);
    w.field("via", a.via);
  }
  w.field("sell", a.sell);
  w.field("buy", a.buy);
  w.field("mode", a.exact_in ? "exact_in" : "exact_out");
  w.field("amount_in", a.amount_in);
  w.field("expected_out", a.expected_out);
  w.field("min_amount_out", a.min_amount_out);
  w.field("amount_out", a.amount_out);
  w.field("expected_in", a.expected_in);
  w.field("max_amount_in", a.max_amount_in);
  w.field("value_in", a.value_in);
  w.field("value_out", a.value_out);
  w.field("loss_bps", a.loss_bps);
  w.field("price_impact_bps", a.price_impact_bps);
  w.field("slippage_bps", a.slippage_bps);
  w.field("pool_share_bps", a.pool_share_bps);
  w.field("oracle_deviation_bps", a.oracle_deviation_bps);
  w.field_nonempty("recipient", a.recipient);
  w.field_nonempty("deadline", a.deadline);
  w.field_nonempty("spender", a.spender);
  if (!a.hops.empty()) {
    w.key("hops").begin_array();
    for (const auto& h : a.hops) {
      w.begin_object();
      w.field("venue", h.venue);
      w.field("amount_in", h.amount_in);
      w.field("amount_out", h.amount_out);
      w.field("price_impact_bps", h.price_impact_bps);
      w.field("pool_share_bps", h.pool_share_bps);
      w.field("oracle_deviation_bps", h.oracle_deviation_bps);
      w.end_object();
    }
    w.end_array();
  }
  if (a.suggested_amount) {
    w.key("suggested").begin_object();
    w.field(a.exact_in ? "amount_in" : "amount_out", *a.suggested_amount);
    w.field(a.exact_in ? "min_amount_out" : "max_amount_in", a.suggested_bound);
    w.end_object();
  }
}

void write_action(JsonWriter& w, const ActionText& a) {
  w.begin_object();
  w.field("index", a.index);
  w.field("type", a.type);
  w.field_nonempty("origin", a.origin);
  if (a.type == "transfer") {
    w.field("asset", a.asset);
    w.field("to", a.to);
    w.field("amount", a.amount);
    w.field("value", a.value);
  } else if (a.type == "approve") {
    w.field("asset", a.asset);
    w.field("spender", a.spender);
    w.field("amount", a.amount);
  } else if (a.type == "wrap" || a.type == "unwrap") {
    w.field("asset", a.asset);  // what it takes: the native asset (wrap) or the wrapped one (unwrap)
    w.field("amount", a.amount);
  } else if (a.type == "call") {
    w.field("to", a.to);
    w.field("value", a.amount);
    w.field_nonempty("selector", a.selector);
    if (a.delegatecall) w.field("delegatecall", true);
  } else {
    write_swap_fields(w, a);
  }
  w.end_object();
}

}  // namespace

std::string render_json(const Report& report) {
  const TextReport r = to_text(report);
  JsonWriter w;
  w.begin_document("report/1");
  w.field("mode", r.mode);
  w.field_nonempty("proposal", r.proposal_id);
  w.field("verdict", r.verdict);
  w.key("summary").begin_object();
  w.field("errors", r.errors_count);
  w.field("warnings", r.warnings_count);
  w.field("input_errors", r.errors.size());
  w.end_object();
  w.key("findings");
  write_findings(w, r.findings, human_messages(report, report.findings));
  w.field("errors", r.errors);
  if (r.before) write_state(w.key("before"), *r.before);
  if (r.after) write_state(w.key("after"), *r.after);
  if (r.verdict != "error" && r.mode == "check") {
    w.key("actions").begin_array();
    for (const auto& a : r.actions) write_action(w, a);
    w.end_array();
  }
  if (r.verdict != "error") {
    w.key("stress").begin_array();
    for (std::size_t i = 0; i < r.stress.size(); ++i) {
      w.begin_object();
      w.field("name", r.stress[i].name);
      w.key("findings");
      write_findings(w, r.stress[i].findings, human_messages(report, report.stress[i].findings));
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
  return w.take();
}

std::string render_validation_json(const std::string& kind, const std::vector<Diagnostic>& errors,
                                   const std::string& file) {
  JsonWriter w;
  w.begin_object();
  w.field_nonempty("file", file);
  w.field("valid", errors.empty());
  w.field("kind", kind);
  w.field("errors", errors);
  w.end_object();
  return w.take();
}

}  // namespace ballast
