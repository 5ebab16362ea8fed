// diff/1 JSON and the text form of a policy diff; the rule registry as JSON and text.
#include "ballast/render.h"
#include "ballast/rules.h"

#include "json_parts.h"
#include "text_report.h"

#include <nlohmann/json.hpp>
#include "../text_out.h"

namespace ballast {

namespace {

using report::ojson;
using report::text;

ojson status_finding_json(const StatusFinding& f) {
  ojson j = ojson::object();
  j["rule"] = f.rule;
  j["severity"] = f.severity == Severity::Error ? "error" : "warning";
  j["subject"] = f.subject;
  if (!f.id.empty()) j["id"] = f.id;
  j["message"] = text(f.message);
  return j;
}

ojson status_json(const StatusComparison& s) {
  auto side = [](const Report& r) {
    return ojson::object({{"verdict", verdict_name(r.verdict)},
                          {"errors", r.count(Severity::Error)},
                          {"warnings", r.count(Severity::Warning)}});
  };
  ojson j = ojson::object();
  j["old"] = side(s.old_status);
  j["new"] = side(s.new_status);
  ojson appeared = ojson::array(), disappeared = ojson::array();
  for (const auto& f : s.appeared) appeared.push_back(status_finding_json(f));
  for (const auto& f : s.disappeared) disappeared.push_back(status_finding_json(f));
  j["appeared"] = std::move(appeared);
  j["disappeared"] = std::move(disappeared);
  return j;
}

}  // namespace

std::string render_diff_json(const PolicyDiff& d) {
  ojson j = ojson::object();
  j["ballast"] = "diff/1";
  j["engine"] = ojson::object({{"name", "ballast"}, {"version", engine_version}});
  j["verdict"] = d.verdict;
  ojson summary = ojson::object();
  for (ChangeKind k : {ChangeKind::Relaxed, ChangeKind::Tightened, ChangeKind::Added, ChangeKind::Removed,
                       ChangeKind::Changed})
    summary[change_name(k)] = d.count(k);
  j["summary"] = std::move(summary);
  ojson changes = ojson::array();
  for (const auto& c : d.changes) {
    ojson x = ojson::object();
    x["path"] = c.path;
    x["rule"] = c.rule;
    x["subject"] = c.subject;
    x["change"] = change_name(c.change);
    if (c.old_value) x["old"] = text(*c.old_value);
    if (c.new_value) x["new"] = text(*c.new_value);
    x["message"] = text(c.message);
    changes.push_back(std::move(x));
  }
  j["changes"] = std::move(changes);
  j["errors"] = report::diagnostics_json(d.errors);
  if (d.status) j["status"] = status_json(*d.status);
  return j.dump(2, ' ', false, ojson::error_handler_t::replace);
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

ojson fields_json(const std::vector<PolicyField>& fields) {
  ojson a = ojson::array();
  for (const auto& f : fields) a.push_back(ojson::object({{"path", f.path}, {"direction", direction_name(f.direction)}}));
  return a;
}

}  // namespace

std::string render_rules_json() {
  ojson rules = ojson::array();
  for (const RuleSpec& r : rule_registry()) {
    ojson x = ojson::object();
    x["rule"] = r.id;
    x["phase"] = phase_name(r.phase);
    x["severity"] = r.default_severity == Severity::Error ? "error" : "warning";
    x["fields"] = fields_json(r.fields);
    x["checks"] = r.summary;
    rules.push_back(std::move(x));
  }
  ojson j = ojson::object({{"rules", std::move(rules)}, {"document_fields", fields_json(policy_document_fields())}});
  return j.dump(2, ' ', false, ojson::error_handler_t::replace);
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
