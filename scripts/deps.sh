#!/usr/bin/env bash
# Installs what the builds and tests need, only when something is missing. Sourced by the other
# scripts; quiet and quick when everything is present.
set -euo pipefail

# Native build, unit and end-to-end tests.
ballast_native_packages=(cmake ninja-build g++ nlohmann-json3-dev catch2 libboost-dev python3 python3-jsonschema)
# clang with its runtimes: the sanitizer builds, libFuzzer, the determinism comparison.
ballast_clang_packages=(clang libclang-rt-14-dev)
# Google Benchmark, for bench/.
ballast_bench_packages=(libbenchmark-dev)
# Everything: adds clang, Google Benchmark, Emscripten (the WebAssembly build) and Chromium (the
# browser tests of the page).
ballast_all_packages=("${ballast_native_packages[@]}" "${ballast_clang_packages[@]}" "${ballast_bench_packages[@]}"
                      emscripten chromium)

ballast_install_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # Node.js 18 or newer with npm (any install of it will do; Debian's if there is none).
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then missing+=(nodejs npm); fi
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The build folders every script shares, each configured in exactly one place, so that running the
# scripts in any order never reconfigures a folder with other options (CMake would discard the
# cache, and with it options such as BALLAST_BUILD_BENCH and BALLAST_WERROR).

# build/: the native g++ build of everything (CLI, tests, benchmarks), warnings as errors.
ballast_configure_native() {
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=g++ \
    -DBALLAST_WERROR=ON -DBALLAST_BUILD_BENCH=ON >/dev/null
}

# build-wasm/: the WebAssembly build (module, npm package files, Catch2 suite under Node).
ballast_configure_wasm() {
  export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"   # Debian's emscripten needs its acorn module
  emcmake cmake -S . -B build-wasm -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CROSSCOMPILING_EMULATOR="$(command -v node)" >/dev/null
}
