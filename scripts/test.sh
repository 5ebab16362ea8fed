#!/usr/bin/env bash
# Builds everything and runs every test suite:
#   native (g++): Catch2 unit + conformance tests, CLI end-to-end tests (corpus, examples, formats,
#   schemas, the README's example figures); scripts/example.sh then this script's configure step on
#   a fresh copy (the two README commands share build/ and its options)
#   native (clang++) under ASan + UBSan: the same native suites (including the replay of every fuzz
#   seed and recorded regression input)
#   fuzzing (clang++, libFuzzer, ASan + UBSan): each harness for BALLAST_FUZZ_SECONDS (15) seconds
#   native (clang++): the CLI, for the determinism comparison
#   WebAssembly: the same Catch2 suite under Node, then the npm package's tests (API, corpus,
#   error storm, npm pack + install, size budget, TypeScript types, byte-identical reports
#   across g++, clang++ and WebAssembly).
#   Web: the page and the <ballast-check> element in Debian's Chromium (playwright-core);
#   screenshots land in build-web/screenshots.
#   Differential: Uniswap v3 against @uniswap/v3-sdk; calldata fixtures against ethers; Uniswap v2
#   swaps against the real pair and router executing in anvil (a local EVM from npm).
# Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
ballast_install_packages "${ballast_all_packages[@]}"

jobs="$(nproc 2>/dev/null || echo 2)"
root="$(pwd)"

echo "== native build (g++)"
ballast_configure_native
cmake --build build --parallel "$jobs"
ctest --test-dir build --output-on-failure --parallel "$jobs"

echo "== the two README commands in order on a fresh copy: one build folder, one configuration"
tests/scripts/readme_commands_order_test.sh

echo "== native tests under AddressSanitizer and UndefinedBehaviorSanitizer (clang++)"
san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_CXX_FLAGS="$san -O1" -DCMAKE_EXE_LINKER_FLAGS="$san" >/dev/null
cmake --build build-asan --parallel "$jobs"
# The planner's 10,000 random treasuries run natively (1,000 in WebAssembly); under the sanitizers,
# 1,000; the integer differentials' 20,000 cases each, 5,000.
ASAN_OPTIONS=detect_leaks=1 BALLAST_PLAN_TREASURIES=1000 BALLAST_INTEGER_CASES=5000 ctest --test-dir build-asan --output-on-failure --parallel "$jobs"

echo "== fuzzing: every harness for a short fixed time (libFuzzer, ASan + UBSan)"
BALLAST_FUZZ_SEED="${BALLAST_FUZZ_SEED:-1}" scripts/fuzz.sh "${BALLAST_FUZZ_SECONDS:-15}"

echo "== native CLI (clang++)"
cmake -S . -B build-clang -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ \
  -DBALLAST_WERROR=ON -DBALLAST_BUILD_TESTS=OFF >/dev/null
cmake --build build-clang --parallel "$jobs" --target ballast

echo "== WebAssembly build"
ballast_configure_wasm
cmake --build build-wasm --parallel "$jobs"
ctest --test-dir build-wasm --output-on-failure

echo "== npm package"
cd wasm
npm ci --no-audit --no-fund --loglevel=error
BALLAST_CLI="$root/build/ballast" BALLAST_CLI_CLANG="$root/build-clang/ballast" npm test

echo "== web page (Chromium)"
cd "$root/web"
npm ci --no-audit --no-fund --loglevel=error
npm test

echo "== differential: Uniswap v3 against @uniswap/v3-sdk (10,000 random swaps, fixed seed)"
cd "$root/tests/differential"
npm ci --no-audit --no-fund --loglevel=error
npm test

echo "== calldata fixtures: what ethers encodes (tests/calls)"
cd "$root/tests/calls"
npm ci --no-audit --no-fund --loglevel=error
npm test

echo "== ground truth in a local EVM (anvil): the snapshot tool; 1,000 v2 and 1,000 v3 swaps, 100 Safe batches, 100 exports and 60 planned tranches against the contracts (fixed seeds)"
cd "$root/tests/chain"
npm ci --no-audit --no-fund --loglevel=error
npm test
