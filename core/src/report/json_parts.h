// JSON pieces shared by the report/1 and diff/1 writers.
#pragma once

#include "ballast/diagnostics.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace ballast::report {

using ojson = nlohmann::ordered_json;

/// Input errors as [{code, document, path, message}].
ojson diagnostics_json(const std::vector<Diagnostic>& list);

}  // namespace ballast::report
