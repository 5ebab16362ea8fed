// JSON pieces shared by the report/1 and diff/1 writers.
#pragma once

#include "ballast/diagnostics.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace ballast::report {

using ojson = nlohmann::ordered_json;

/// Input errors as [{code, document, path, message}].
ojson diagnostics_json(const std::vector<Diagnostic>& list);

/// An empty object with room for `members`. An ordered_json object is a vector of pairs whose
/// keys are const, so growing it copies every member (whole subtrees); room made up front keeps
/// the report's large members (the states' assets) from being copied as later ones are added.
inline ojson object_with_room(std::size_t members) {
  ojson j = ojson::object();
  j.get_ref<ojson::object_t&>().reserve(members);
  return j;
}

}  // namespace ballast::report
