#!/usr/bin/env bash
# Builds the WebAssembly module and the static page, then serves it on 127.0.0.1.
# Usage: scripts/serve.sh [port=8080]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
ballast_install_packages "${ballast_native_packages[@]}" emscripten

ballast_configure_wasm
cmake --build build-wasm --target ballast_wasm ballast_wasm_schemas
node web/build.mjs build-web/site
exec node web/serve.mjs build-web/site "${1:-8080}"
