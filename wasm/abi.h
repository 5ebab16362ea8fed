// The calling convention between the WebAssembly modules and the package's loader (src/index.mjs,
// `entryPoints`). Every entry point is a C function: a string argument crosses as a pointer and a
// byte length (UTF-8 the loader wrote into a buffer from ballast_alloc and frees after the call), a
// number as itself; a string result stays in the module, where the entry point's return value
// points, until the loader has read its ballast_result_size() bytes and called ballast_release().
// No exception crosses: the core's JSON entry points catch every one themselves.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ballast::wasm {

/// The argument at `data`, `size` bytes (a null `data` only with size 0).
inline std::string_view text(const char* data, std::size_t size) { return {data, size}; }

/// Keeps `out` as the result the loader reads next; returns where it starts.
const char* give(std::string out);

}  // namespace ballast::wasm
