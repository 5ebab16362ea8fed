// The planner's WebAssembly module: the planner with everything it runs (the checker and export
// included), kept apart from the checker's module so that a page that only checks downloads no
// planner (wasm/README.md, Sizes). The calling convention of abi.h, as bindings.cpp.
#include "abi.h"
#include "ballast/ballast.h"

#include <emscripten/emscripten.h>

using ballast::wasm::give;
using ballast::wasm::text;
using Size = std::size_t;

extern "C" {

/// The plan's status, a newline, then the output (plan/1, text, a proposal/1 or a Tx Builder file),
/// or "error", a newline, and the validation errors.
EMSCRIPTEN_KEEPALIVE const char* ballast_plan(const char* p, Size pn, const char* t, Size tn, const char* g, Size gn,
                                              const char* a, Size an, const char* f, Size fn, int deadline_hours) {
  ballast::PlanRequest request;
  request.goal = text(g, gn);
  request.at = text(a, an);
  request.format = text(f, fn);
  request.deadline_hours = deadline_hours;
  std::string status;
  std::string out = ballast::plan_json(text(p, pn), text(t, tn), request, &status);
  return give(status + "\n" + out);
}

EMSCRIPTEN_KEEPALIVE const char* ballast_version() { return give(std::string(ballast::version())); }

}
