// SARIF 2.1.0 (the OASIS standard), for code-scanning views: the rule registry as the tool's rules,
// one result per finding and per input error, located by file and line.
#include "ballast/render.h"
#include "ballast/rules.h"

#include "json_parts.h"
#include "locate.h"
#include "text_report.h"

namespace ballast {

namespace {

using report::ojson;

ojson location_json(const report::Location& at) {
  ojson physical = ojson::object({{"artifactLocation", ojson::object({{"uri", at.file}})}});
  if (at.line > 0) physical["region"] = ojson::object({{"startLine", at.line}});
  return ojson::object({{"physicalLocation", std::move(physical)}});
}

ojson rules_json() {
  ojson rules = ojson::array();
  for (const RuleSpec& r : rule_registry()) {
    std::string help = std::string(r.summary) + ".";
    for (const auto& f : r.fields) help += std::string(" Policy field: ") + f.path + ".";
    rules.push_back(ojson::object({{"id", r.id},
                                   {"shortDescription", ojson::object({{"text", r.summary}})},
                                   {"help", ojson::object({{"text", help}})},
                                   {"defaultConfiguration",
                                    ojson::object({{"level", r.default_severity == Severity::Error ? "error" : "warning"}})}}));
  }
  return rules;
}

}  // namespace

namespace {

ojson run_json(const Report& report_, const RenderOptions& o) {
  const report::TextReport r = report::to_text(report_, true);
  ojson results = ojson::array();
  for (const auto& d : r.errors) {
    report::Location at;
    auto file = o.files.find(d.document);
    if (file != o.files.end()) at.file = file->second;
    auto src = o.sources.find(d.document);
    if (src != o.sources.end() && !d.path.empty()) at.line = report::line_of(src->second, d.path);
    ojson x = ojson::object({{"ruleId", d.code}, {"level", "error"},
                             {"message", ojson::object({{"text", d.document + " " + (d.path.empty() ? "/" : d.path) + ": " + d.message}})}});
    if (!at.file.empty()) x["locations"] = ojson::array({location_json(at)});
    results.push_back(std::move(x));
  }
  for (const report::FindingText* f : report::all_findings(r)) {
    // stress.<rule> findings are results of the stress rule, under a scenario.
    const std::string rule = f->rule.rfind("stress.", 0) == 0 ? "stress" : f->rule;
    ojson x = ojson::object({{"ruleId", rule},
                             {"level", f->severity == Severity::Error ? "error" : "warning"},
                             {"message", ojson::object({{"text", f->message}})}});
    const report::Location at = report::locate(o, report::annotation_pointer(o, r.mode == "check", f->severity, f->path));
    if (!at.file.empty()) x["locations"] = ojson::array({location_json(at)});
    x["properties"] = ojson::object({{"rule", f->rule}, {"path", f->path}, {"subject", f->subject}});
    if (f->observed) x["properties"]["observed"] = *f->observed;
    if (f->limit) x["properties"]["limit"] = *f->limit;
    results.push_back(std::move(x));
  }
  ojson driver = ojson::object({{"name", "ballast"}, {"version", engine_version}, {"rules", rules_json()}});
  return ojson::object({{"tool", ojson::object({{"driver", std::move(driver)}})}, {"results", std::move(results)}});
}

}  // namespace

std::string render_sarif(const std::vector<std::pair<const Report*, RenderOptions>>& runs) {
  ojson list = ojson::array();
  for (const auto& [r, o] : runs) list.push_back(run_json(*r, o));
  ojson doc = ojson::object({{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                             {"version", "2.1.0"},
                             {"runs", std::move(list)}});
  return doc.dump(2, ' ', false, ojson::error_handler_t::replace);
}

std::string render_sarif(const Report& r, const RenderOptions& o) { return render_sarif({{&r, o}}); }

}  // namespace ballast
