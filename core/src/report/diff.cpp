// diff/1 JSON and the text form of a policy diff; the rule registry as JSON and text.
#include "ballast/render.h"
#include "ballast/rules.h"

#include "json_writer.h"
#include "text_report.h"

#include "../text_out.h"

namespace ballast {

namespace {

using report::JsonWriter;
using report::text;

void write_status_finding(JsonWriter& w, const StatusFinding& f) {
  w.begin_object();
  w.field("rule", f.rule);
  w.field("severity", f.severity == Severity::Error ? "error" : "warning");
  w.field("subject", f.subject);
  w.field_nonempty("id", f.id);
  w.field("message", text(f.message));
  w.end_object();
}

void write_status(JsonWriter& w, const StatusComparison& s) {
  auto side = [&w](const char* name, const Report& r) {
    w.key(name).begin_object();
    w.field("verdict", verdict_name(r.verdict));
    w.field("errors", r.count(Severity::Error));
    w.field("warnings", r.count(Severity::Warning));
    w.end_object();
  };
  auto findings = [&w](const char* name, const std::vector<StatusFinding>& list) {
    w.key(name).begin_array();
    for (const auto& f : list) write_status_finding(w, f);
    w.end_array();
  };
  w.begin_object();
  side("old", s.old_status);
  side("new", s.new_status);
  findings("appeared", s.appeared);
  findings("disappeared", s.disappeared);
  w.end_object();
}

}  // namespace

std::string render_diff_json(const PolicyDiff& d) {
  JsonWriter w;
  w.begin_document("diff/1");
  w.field("verdict", d.verdict);
  w.key("summary").begin_object();
  for (ChangeKind k : {ChangeKind::Relaxed, ChangeKind::Tightened, ChangeKind::Added, ChangeKind::Removed,
                       ChangeKind::Changed})
    w.field(change_name(k), d.count(k));
  w.end_object();
  w.key("changes").begin_array();
  for (const auto& c : d.changes) {
    w.begin_object();
    w.field("path", c.path);
    w.field("rule", c.rule);
    w.field("subject", c.subject);
    w.field("change", change_name(c.change));
    if (c.old_value) w.field("old", text(*c.old_value));
    if (c.new_value) w.field("new", text(*c.new_value));
    w.field("message", text(c.message));
    w.end_object();
  }
  w.end_array();
  w.field("errors", d.errors);
  if (d.status) write_status(w.key("status"), *d.status);
  w.end_object();
  return w.take();
}

std::string render_diff_text(const PolicyDiff& d) {
  TextOut o;
  if (d.verdict == "error") {
    o << "INVALID INPUT  policy diff: " << d.errors.size() << " input error" << (d.errors.size() == 1 ? "" : "s")
      << ", nothing compared\n\n";
    for (const auto& e : d.errors)
      o << "  " << e.code << "  " << e.document << " " << (e.path.empty() ? "/" : e.path) << "\n        " << e.message << "\n";
    return o.str();
  }
  std::string word = d.verdict;
  for (char& c : word) c = static_cast<char>(c - 'a' + 'A');
  o << word << "  policy diff: " << d.count(ChangeKind::Relaxed) << " relaxed, " << d.count(ChangeKind::Tightened)
    << " tightened, " << d.count(ChangeKind::Added) << " added, " << d.count(ChangeKind::Removed) << " removed, "
    << d.count(ChangeKind::Changed) << " changed\n";
  if (!d.changes.empty()) o << "\nChanges\n";
  for (const auto& c : d.changes) {
    std::string kind = change_name(c.change);
    o << "  " << kind << std::string(kind.size() < 11 ? 11 - kind.size() : 1, ' ') << text(c.message) << "\n"
      << "             at " << c.path << "\n";
  }
  if (d.status) {
    const auto& s = *d.status;
    auto side = [](const Report& r) {
      return std::string(verdict_name(r.verdict)) + " (" + std::to_string(r.count(Severity::Error)) + " errors, " +
             std::to_string(r.count(Severity::Warning)) + " warnings)";
    };
    o << "\nStatus on the treasury\n  old policy: " << side(s.old_status) << "\n  new policy: " << side(s.new_status)
      << "\n";
    for (const auto& f : s.appeared) o << "  + " << f.rule << "  " << f.subject << ": " << text(f.message) << "\n";
    for (const auto& f : s.disappeared) o << "  - " << f.rule << "  " << f.subject << ": " << text(f.message) << "\n";
  }
  return o.str();
}

}  // namespace ballast

namespace ballast {

namespace {

const char* phase_name(Phase p) {
  switch (p) {
    case Phase::PerAction: return "per_action";
    case Phase::After: return "after";
    case Phase::Proposal: return "proposal";
    case Phase::History: return "history";
    case Phase::Engine: return "engine";
  }
  return "engine";
}

const char* direction_name(Direction d) {
  switch (d) {
    case Direction::Upper: return "upper";
    case Direction::Lower: return "lower";
    case Direction::Window: return "window";
    case Direction::Allowlist: return "allowlist";
    case Direction::Checklist: return "checklist";
    case Direction::Switch: return "switch";
    case Direction::Permission: return "permission";
    case Direction::Shock: return "shock";
    case Direction::Target: return "target";
    case Direction::Severity: return "severity";
    case Direction::Identity: return "identity";
  }
  return "identity";
}

void write_fields(JsonWriter& w, const std::vector<PolicyField>& fields) {
  w.begin_array();
  for (const auto& f : fields) {
    w.begin_object();
    w.field("path", f.path);
    w.field("direction", direction_name(f.direction));
    w.end_object();
  }
  w.end_array();
}

}  // namespace

std::string render_rules_json() {
  JsonWriter w;
  w.begin_object();
  w.key("rules").begin_array();
  for (const RuleSpec& r : rule_registry()) {
    w.begin_object();
    w.field("rule", r.id);
    w.field("phase", phase_name(r.phase));
    w.field("severity", r.default_severity == Severity::Error ? "error" : "warning");
    write_fields(w.key("fields"), r.fields);
    w.field("checks", r.summary);
    w.end_object();
  }
  w.end_array();
  write_fields(w.key("document_fields"), policy_document_fields());
  w.end_object();
  return w.take();
}

std::string render_rules_text() {
  TextOut o;
  for (const RuleSpec& r : rule_registry()) {
    std::string id = r.id;
    o << id << std::string(id.size() < 26 ? 26 - id.size() : 1, ' ') << phase_name(r.phase) << "  " << r.summary << "\n";
    for (const auto& f : r.fields) o << "    " << f.path << "  (" << direction_name(f.direction) << ")\n";
  }
  return o.str();
}

}  // namespace ballast
