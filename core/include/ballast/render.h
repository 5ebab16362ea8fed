// Report renderers: the canonical JSON (SPEC section 7) and the CLI's text, JUnit and GitHub
// annotation forms. Pure functions of the report.
#pragma once

#include "ballast/report.h"

#include <map>
#include <string>

namespace ballast {

/// The report as `report/1` JSON, keys in fixed order, indented by two spaces, no trailing
/// newline. Byte-identical for the same report on every platform.
std::string render_json(const Report& r);

/// Options of the human and CI renderers.
struct RenderOptions {
  bool color = false;                        // ANSI colours (text only)
  std::map<std::string, std::string> files;  // document name -> file name, for annotations
};

/// A terminal report: verdict first, then findings with observed vs limit, actions, allocation.
std::string render_text(const Report& r, const RenderOptions& o = {});
/// JUnit XML: one test case per finding and per input error.
std::string render_junit(const Report& r, const RenderOptions& o = {});
/// GitHub Actions workflow commands (::error / ::warning), one line per finding or error.
std::string render_github(const Report& r, const RenderOptions& o = {});

/// The JSON of one validation result: {"valid": ..., "kind": ..., "errors": [...]}.
std::string render_validation_json(const std::string& kind, const std::vector<Diagnostic>& errors);

}  // namespace ballast
