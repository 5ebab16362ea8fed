// SARIF 2.1.0 (the OASIS standard), for code-scanning views: the rule registry as the tool's rules,
// one result per finding and per input error, located by file and line.
#include "ballast/render.h"
#include "ballast/rules.h"

#include "json_writer.h"
#include "locate.h"
#include "text_report.h"

namespace ballast {

namespace {

using report::JsonWriter;

// {"text": ...}, SARIF's message and description objects.
void write_text(JsonWriter& w, std::string_view name, const std::string& text) {
  w.key(name).begin_object();
  w.field("text", text);
  w.end_object();
}

void write_locations(JsonWriter& w, const report::Location& at) {
  w.key("locations").begin_array();
  w.begin_object();
  w.key("physicalLocation").begin_object();
  w.key("artifactLocation").begin_object();
  w.field("uri", at.file);
  w.end_object();
  if (at.line > 0) {
    w.key("region").begin_object();
    w.field("startLine", at.line);
    w.end_object();
  }
  w.end_object();
  w.end_object();
  w.end_array();
}

void write_rules(JsonWriter& w) {
  w.key("rules").begin_array();
  for (const RuleSpec& r : rule_registry()) {
    std::string help = std::string(r.summary) + ".";
    for (const auto& f : r.fields) help += std::string(" Policy field: ") + f.path + ".";
    w.begin_object();
    w.field("id", r.id);
    write_text(w, "shortDescription", r.summary);
    write_text(w, "help", help);
    w.key("defaultConfiguration").begin_object();
    w.field("level", r.default_severity == Severity::Error ? "error" : "warning");
    w.end_object();
    w.end_object();
  }
  w.end_array();
}

void write_run(JsonWriter& w, const Report& report_, const RenderOptions& o) {
  const report::TextReport r = report::to_text(report_, true);
  w.begin_object();
  w.key("tool").begin_object();
  w.key("driver").begin_object();
  w.field("name", "ballast");
  w.field("version", engine_version);
  write_rules(w);
  w.end_object();
  w.end_object();
  w.key("results").begin_array();
  for (const auto& d : r.errors) {
    report::Location at;
    auto file = o.files.find(d.document);
    if (file != o.files.end()) at.file = file->second;
    auto src = o.sources.find(d.document);
    if (src != o.sources.end() && !d.path.empty()) at.line = report::line_of(src->second, d.path);
    w.begin_object();
    w.field("ruleId", d.code);
    w.field("level", "error");
    write_text(w, "message", d.document + " " + (d.path.empty() ? "/" : d.path) + ": " + d.message);
    if (!at.file.empty()) write_locations(w, at);
    w.end_object();
  }
  for (const report::FindingText* f : report::all_findings(r)) {
    // stress.<rule> findings are results of the stress rule, under a scenario.
    const std::string rule = f->rule.rfind("stress.", 0) == 0 ? "stress" : f->rule;
    w.begin_object();
    w.field("ruleId", rule);
    w.field("level", f->severity == Severity::Error ? "error" : "warning");
    write_text(w, "message", f->message);
    const report::Location at = report::locate(o, report::annotation_pointer(o, r.mode == "check", f->severity, f->path));
    if (!at.file.empty()) write_locations(w, at);
    w.key("properties").begin_object();
    w.field("rule", f->rule);
    w.field("path", f->path);
    w.field("subject", f->subject);
    w.field("observed", f->observed);
    w.field("limit", f->limit);
    w.end_object();
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace

std::string render_sarif(const std::vector<std::pair<const Report*, RenderOptions>>& runs) {
  JsonWriter w;
  w.begin_object();
  w.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  w.field("version", "2.1.0");
  w.key("runs").begin_array();
  for (const auto& [r, o] : runs) write_run(w, *r, o);
  w.end_array();
  w.end_object();
  return w.take();
}

std::string render_sarif(const Report& r, const RenderOptions& o) { return render_sarif({{&r, o}}); }

}  // namespace ballast
