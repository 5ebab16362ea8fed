// The planner's WebAssembly module: the planner with everything it runs (the checker and export
// included), kept apart from the checker's module so that a page that only checks downloads no
// planner (wasm/README.md, Sizes). Strings in, strings out, as bindings.cpp.
#include "ballast/ballast.h"

#include <emscripten/bind.h>

namespace {

// The plan's status, a newline, then the output (plan/1, text, a proposal/1 or a Tx Builder file),
// or "error", a newline, and the validation errors.
std::string plan(const std::string& policy, const std::string& treasury, const std::string& goal, const std::string& at,
                 const std::string& format, int deadline_hours) {
  ballast::PlanRequest request;
  request.goal = goal;
  request.at = at;
  request.format = format;
  request.deadline_hours = deadline_hours;
  std::string status;
  std::string out = ballast::plan_json(policy, treasury, request, &status);
  return status + "\n" + out;
}

std::string version() { return std::string(ballast::version()); }

}  // namespace

EMSCRIPTEN_BINDINGS(ballast_plan) {
  emscripten::function("planJson", &plan);
  emscripten::function("version", &version);
}
