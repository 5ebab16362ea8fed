// The WebAssembly binding: one thin Embind block over the core's JSON entry points. Strings in,
// strings out; prepared documents are named by integer handles (no Embind classes); the entry
// points catch every exception themselves, so none crosses into JavaScript.
#include "ballast/ballast.h"

#include <emscripten/bind.h>
#include <malloc.h>

#include <map>

namespace {

std::string check(const std::string& case_json) { return ballast::check_json(case_json); }

std::string check_documents(const std::string& policy, const std::string& treasury, const std::string& proposal) {
  return ballast::check_documents_json(policy, treasury, proposal);
}

// Prepared policy and treasury by handle; the package releases a handle on dispose() or when
// its object is garbage-collected.
std::map<int, ballast::Prepared>& prepared() {
  static std::map<int, ballast::Prepared> handles;
  return handles;
}

// A new handle, or 0 when memory ran out.
int prepare(const std::string& policy, const std::string& treasury) {
  static int next = 0;
  try {
    prepared().emplace(++next, ballast::prepare_documents(policy, treasury));
    return next;
  } catch (...) {
    return 0;
  }
}

// The report, or an empty string for a released handle.
std::string check_prepared(int handle, const std::string& proposal) {
  auto it = prepared().find(handle);
  return it == prepared().end() ? std::string() : ballast::check_prepared_json(it->second, proposal);
}

std::string status_prepared(int handle) {
  auto it = prepared().find(handle);
  return it == prepared().end() ? std::string() : ballast::status_prepared_json(it->second);
}

void release_prepared(int handle) { prepared().erase(handle); }

std::string status(const std::string& policy, const std::string& treasury) {
  return ballast::status_json(policy, treasury);
}

std::string check_calls(const std::string& policy, const std::string& treasury, const std::string& calls) {
  return ballast::check_calls_json(policy, treasury, calls);
}

std::string import_calls(const std::string& calls, const std::string& treasury, const std::string& format) {
  return ballast::import_calls_json(calls, treasury, format);
}

// {"document": the Tx Builder file or calls/1, "orders": the CoW orders}, or the validation errors.
std::string export_calls(const std::string& treasury, const std::string& proposal, const std::string& format,
                         int deadline_hours) {
  bool ok = false;
  std::string orders;
  std::string doc = ballast::export_calls_json(treasury, proposal, format, deadline_hours, &ok, &orders);
  return ok ? "{\"document\":" + doc + ",\"orders\":" + orders + "}" : doc;
}

std::string validate(const std::string& document) { return ballast::validate_json(document); }

// The treasury is optional: `has_treasury` false compares the policies only.
std::string diff(const std::string& old_policy, const std::string& new_policy, bool has_treasury,
                 const std::string& treasury) {
  return ballast::diff_json(old_policy, new_policy,
                            has_treasury ? std::optional<std::string_view>(treasury) : std::nullopt);
}

std::string schema(const std::string& kind) {
  return ballast::guarded([&] { return ballast::schema_json(kind); });
}

std::string version() { return std::string(ballast::version()); }

// The document kinds of the core's registry: [{"name", "tag", "input"}], for the package's API.
std::string document_kinds() {
  std::string out = "[";
  for (const auto& k : ballast::document_kinds())
    out += std::string(out.size() > 1 ? "," : "") + "{\"name\":\"" + k.name + "\",\"tag\":\"" + k.tag +
           "\",\"input\":" + (k.input ? "true" : "false") + "}";
  return out + "]";
}

// Bytes of linear memory, and bytes of it the allocator has handed out: for leak checks.
double memory_bytes() { return static_cast<double>(__builtin_wasm_memory_size(0)) * 65536.0; }
double heap_in_use() { return static_cast<double>(mallinfo().uordblks); }

}  // namespace

EMSCRIPTEN_BINDINGS(ballast) {
  emscripten::function("checkJson", &check);
  emscripten::function("checkDocumentsJson", &check_documents);
  emscripten::function("statusJson", &status);
  emscripten::function("prepare", &prepare);
  emscripten::function("checkPreparedJson", &check_prepared);
  emscripten::function("statusPreparedJson", &status_prepared);
  emscripten::function("releasePrepared", &release_prepared);
  emscripten::function("checkCallsJson", &check_calls);
  emscripten::function("importCallsJson", &import_calls);
  emscripten::function("exportCallsJson", &export_calls);
  emscripten::function("validateJson", &validate);
  emscripten::function("diffJson", &diff);
  emscripten::function("schemaJson", &schema);
  emscripten::function("version", &version);
  emscripten::function("documentKinds", &document_kinds);
  emscripten::function("memoryBytes", &memory_bytes);
  emscripten::function("heapInUse", &heap_in_use);
}
