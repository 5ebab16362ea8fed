// The checker module's entry points: thin C functions over the core's JSON entry points, in the
// calling convention of abi.h (strings in as UTF-8 pointer and length, the result string read by
// the loader). Prepared documents are named by integer handles.
#include "abi.h"
#include "ballast/ballast.h"

#include <emscripten/emscripten.h>
#include <malloc.h>

#include <map>

using ballast::wasm::give;
using ballast::wasm::text;
using Size = std::size_t;

namespace {

// Prepared policy and treasury by handle; the package releases a handle on dispose() or when
// its object is garbage-collected.
std::map<int, ballast::Prepared>& prepared() {
  static std::map<int, ballast::Prepared> handles;
  return handles;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* ballast_check(const char* c, Size cn) { return give(ballast::check_json(text(c, cn))); }

EMSCRIPTEN_KEEPALIVE const char* ballast_check_documents(const char* p, Size pn, const char* t, Size tn, const char* x,
                                                         Size xn) {
  return give(ballast::check_documents_json(text(p, pn), text(t, tn), text(x, xn)));
}

/// A new handle, or 0 when memory ran out.
EMSCRIPTEN_KEEPALIVE int ballast_prepare(const char* p, Size pn, const char* t, Size tn) {
  static int next = 0;
  try {
    prepared().emplace(++next, ballast::prepare_documents(text(p, pn), text(t, tn)));
    return next;
  } catch (...) {
    return 0;
  }
}

/// The report, or an empty string for a released handle.
EMSCRIPTEN_KEEPALIVE const char* ballast_check_prepared(int handle, const char* x, Size xn) {
  auto it = prepared().find(handle);
  return give(it == prepared().end() ? std::string() : ballast::check_prepared_json(it->second, text(x, xn)));
}

EMSCRIPTEN_KEEPALIVE const char* ballast_status_prepared(int handle) {
  auto it = prepared().find(handle);
  return give(it == prepared().end() ? std::string() : ballast::status_prepared_json(it->second));
}

EMSCRIPTEN_KEEPALIVE void ballast_release_prepared(int handle) { prepared().erase(handle); }

EMSCRIPTEN_KEEPALIVE const char* ballast_status(const char* p, Size pn, const char* t, Size tn) {
  return give(ballast::status_json(text(p, pn), text(t, tn)));
}

EMSCRIPTEN_KEEPALIVE const char* ballast_check_calls(const char* p, Size pn, const char* t, Size tn, const char* c,
                                                     Size cn) {
  return give(ballast::check_calls_json(text(p, pn), text(t, tn), text(c, cn)));
}

EMSCRIPTEN_KEEPALIVE const char* ballast_import_calls(const char* c, Size cn, const char* t, Size tn, const char* f,
                                                      Size fn) {
  return give(ballast::import_calls_json(text(c, cn), text(t, tn), std::string(text(f, fn))));
}

/// {"document": the Tx Builder file or calls/1, "orders": the CoW orders}, or the validation errors.
EMSCRIPTEN_KEEPALIVE const char* ballast_export_calls(const char* t, Size tn, const char* x, Size xn, const char* f,
                                                      Size fn, int deadline_hours) {
  bool ok = false;
  std::string orders;
  std::string doc =
      ballast::export_calls_json(text(t, tn), text(x, xn), std::string(text(f, fn)), deadline_hours, &ok, &orders);
  return give(ok ? "{\"document\":" + doc + ",\"orders\":" + orders + "}" : doc);
}

EMSCRIPTEN_KEEPALIVE const char* ballast_validate(const char* d, Size dn) {
  return give(ballast::validate_json(text(d, dn)));
}

/// The treasury is optional: `has_treasury` 0 compares the policies only.
EMSCRIPTEN_KEEPALIVE const char* ballast_diff(const char* a, Size an, const char* b, Size bn, int has_treasury,
                                              const char* t, Size tn) {
  return give(ballast::diff_json(text(a, an), text(b, bn),
                                 has_treasury ? std::optional<std::string_view>(text(t, tn)) : std::nullopt));
}

/// The schema, or an empty string for an unknown kind.
EMSCRIPTEN_KEEPALIVE const char* ballast_schema(const char* k, Size kn) {
  return give(ballast::guarded([&] { return ballast::schema_json(text(k, kn)); }));
}

EMSCRIPTEN_KEEPALIVE const char* ballast_version() { return give(std::string(ballast::version())); }

/// The document kinds of the core's registry: [{"name", "tag", "input"}], for the package's API.
EMSCRIPTEN_KEEPALIVE const char* ballast_document_kinds() {
  std::string out = "[";
  for (const auto& k : ballast::document_kinds())
    out += std::string(out.size() > 1 ? "," : "") + "{\"name\":\"" + k.name + "\",\"tag\":\"" + k.tag +
           "\",\"input\":" + (k.input ? "true" : "false") + "}";
  return give(out + "]");
}

/// Bytes of linear memory, and bytes of it the allocator has handed out: for leak checks.
EMSCRIPTEN_KEEPALIVE double ballast_memory_bytes() { return static_cast<double>(__builtin_wasm_memory_size(0)) * 65536.0; }
EMSCRIPTEN_KEEPALIVE double ballast_heap_in_use() { return static_cast<double>(mallinfo().uordblks); }

}
