#!/usr/bin/env bash
# The two README commands share their build folder: on a fresh copy of the repository,
# scripts/example.sh and then the configure step of scripts/test.sh must leave build/ configured
# once, with the benchmarks and warnings-as-errors on, and the CLI example.sh built still up to
# date (CMake discarding its cache would reconfigure and rebuild it).
# Usage: tests/scripts/readme_commands_order_test.sh   (from anywhere; copies the working tree)
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$src"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  [ -e "$f" ] && printf '%s\0' "$f"
done | xargs -0 cp --parents -t "$work"
cd "$work"

fail() { echo "FAILED: $*"; exit 1; }
scripts/example.sh >example.log 2>&1 || fail "scripts/example.sh: $(tail -5 example.log)"
grep -q "(exit code 1)" example.log || fail "the violating example did not fail"
source scripts/deps.sh
ballast_configure_native   # what scripts/test.sh runs next
cache=build/CMakeCache.txt
grep -q '^BALLAST_BUILD_BENCH:BOOL=ON$' "$cache" || fail "BALLAST_BUILD_BENCH is not ON"
grep -q '^BALLAST_WERROR:BOOL=ON$' "$cache" || fail "BALLAST_WERROR is not ON"
grep -q -- '-Werror' build/build.ninja || fail "the build does not compile with -Werror"
! ninja -C build -n ballast | grep -Eq 'Building|Linking' || fail "the CLI built by example.sh is rebuilt after test.sh configures: $(ninja -C build -n ballast | head -3)"
cmake --build build --target ballast_venues_bench ballast_case_bench >bench.log 2>&1 || fail "benchmarks: $(tail -5 bench.log)"
[ -x build/ballast_venues_bench ] && [ -x build/ballast_case_bench ] || fail "the benchmark binaries are missing"
echo "example.sh then test.sh's configure: one configuration, benchmarks built with -Werror, the CLI not rebuilt"
