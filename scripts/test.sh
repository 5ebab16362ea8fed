#!/usr/bin/env bash
# Builds everything and runs every test suite: the Catch2 unit and conformance tests and the
# CLI end-to-end tests (corpus, examples, formats, schemas). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
ballast_install_packages "${ballast_native_packages[@]}"

jobs="$(nproc 2>/dev/null || echo 2)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DBALLAST_WERROR=ON
cmake --build build --parallel "$jobs"
ctest --test-dir build --output-on-failure --parallel "$jobs"
