// Report renderers: the canonical JSON (core/schemas/report.schema.json) and the CLI's text, JUnit and GitHub
// annotation forms. Pure functions of the report.
#pragma once

#include "ballast/diff.h"
#include "ballast/report.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ballast {

/// The report as `report/1` JSON, keys in fixed order, indented by two spaces, no trailing
/// newline. Byte-identical for the same report on every platform.
std::string render_json(const Report& r);

/// Options of the human and CI renderers.
struct RenderOptions {
  bool color = false;                        // ANSI colours (text only)
  std::map<std::string, std::string> files;    // document name -> file name, for annotations
  std::map<std::string, std::string> sources;  // document name -> its text, for line numbers
};

/// A terminal report: verdict first, then findings with observed vs limit, actions, allocation.
std::string render_text(const Report& r, const RenderOptions& o = {});
/// SARIF 2.1.0: the rules of the registry with their help text, and one result per finding and
/// per input error, located by file and line where the sources are given.
std::string render_sarif(const Report& r, const RenderOptions& o = {});
/// SARIF with one run per report (several proposals checked at once).
std::string render_sarif(const std::vector<std::pair<const Report*, RenderOptions>>& runs);
/// Markdown for forum posts and the GitHub job summary: verdict, summary, findings, actions.
std::string render_markdown(const Report& r, const RenderOptions& o = {});
/// JUnit XML: one test case per finding and per input error.
std::string render_junit(const Report& r, const RenderOptions& o = {});
/// JUnit XML of several reports: one test suite each under one <testsuites>.
std::string render_junit(const std::vector<const Report*>& reports);
/// GitHub Actions workflow commands (::error / ::warning), one line per finding or error.
std::string render_github(const Report& r, const RenderOptions& o = {});

/// The JSON of one validation result: {"file"?: ..., "valid": ..., "kind": ..., "errors": [...]}
/// (`file` when given: the CLI names the file each result is of).
std::string render_validation_json(const std::string& kind, const std::vector<Diagnostic>& errors,
                                   const std::string& file = "");

/// The policy diff as `diff/1` JSON (keys in fixed order, no trailing newline).
std::string render_diff_json(const PolicyDiff& d);
/// The policy diff for a terminal: verdict first, one line per change, the status comparison.
std::string render_diff_text(const PolicyDiff& d);

/// The rule registry: every rule with its phase, default severity and the policy fields it reads
/// with their directions, and the document fields; JSON (`ballast rules --format json`) or text.
std::string render_rules_json();
std::string render_rules_text();

}  // namespace ballast
