// Where a finding points in the user's files: the file of its document and the line of its JSON
// pointer there (SARIF regions, GitHub annotation lines).
#pragma once

#include "ballast/render.h"

#include <string>
#include <string_view>

namespace ballast::report {

/// The 1-based line where the value at `pointer` starts in `json`, or 0 when it is not there.
int line_of(std::string_view json, const std::string& pointer);

/// A file and line (0: unknown).
struct Location {
  std::string file;
  int line = 0;
};

/// The file and line of a case pointer ("/policy/limits/0") under the CLI's files and sources.
Location locate(const RenderOptions& o, const std::string& case_pointer);

/// Where an annotation of a finding goes: a check's error on a policy rule is the proposal's doing
/// (no-worsening makes an existing breach a warning), so it is filed against the proposal's
/// actions; everything else at the finding's own path.
std::string annotation_pointer(const RenderOptions& o, bool check, Severity severity, const std::string& path);

}  // namespace ballast::report
