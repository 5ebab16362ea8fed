// The result buffer and the allocation entry points of the calling convention (abi.h), linked into
// both modules.
#include "abi.h"

#include <emscripten/emscripten.h>

#include <cstdlib>

namespace {

std::string& result() {
  static std::string out;
  return out;
}

}  // namespace

namespace ballast::wasm {

const char* give(std::string out) {
  result() = std::move(out);
  return result().data();
}

}  // namespace ballast::wasm

extern "C" {

/// A buffer of `size` bytes for an argument (at least one byte), or null when memory ran out.
EMSCRIPTEN_KEEPALIVE void* ballast_alloc(std::size_t size) { return std::malloc(size == 0 ? 1 : size); }

EMSCRIPTEN_KEEPALIVE void ballast_free(void* buffer) { std::free(buffer); }

/// The byte length of the last result.
EMSCRIPTEN_KEEPALIVE std::size_t ballast_result_size() { return result().size(); }

/// Releases the last result's memory once the loader has read it.
EMSCRIPTEN_KEEPALIVE void ballast_release() { std::string().swap(result()); }

}
