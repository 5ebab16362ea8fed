#!/usr/bin/env bash
# Fuzzes every harness with libFuzzer under AddressSanitizer and UndefinedBehaviorSanitizer.
#   scripts/fuzz.sh [seconds per harness, default 20] [harness ...]
# Corpora live in build-fuzz/corpus/<harness> (seeded from the conformance cases, the examples and
# tests/fuzz/corpus) and grow from run to run. A failing input is written to
# build-fuzz/artifacts/<harness>/; copy it into tests/fuzz/regressions/<harness>/ with the fix,
# where the test suite replays it from then on. Prints each harness's executions and coverage.
# BALLAST_FUZZ_SEED fixes libFuzzer's random seed (0, the default: a new seed each run).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
ballast_install_packages "${ballast_native_packages[@]}" "${ballast_clang_packages[@]}"

seconds="${1:-20}"
shift || true
all=(case policy treasury proposal uniswap_v2 uniswap_v3 curve calls integers)
harnesses=("${@:-${all[@]}}")
[ "$#" -gt 0 ] || harnesses=("${all[@]}")
jobs="$(nproc 2>/dev/null || echo 2)"

san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_CXX_FLAGS="$san -fsanitize=fuzzer-no-link" -DCMAKE_EXE_LINKER_FLAGS="$san" \
  -DBALLAST_FUZZ=ON -DBALLAST_BUILD_CLI=OFF >/dev/null
cmake --build build-fuzz --parallel "$jobs" --target $(printf 'fuzz_%s ' "${harnesses[@]}")

# Seed corpora (only files not there yet: a corpus keeps what earlier runs found).
python3 - "${harnesses[@]}" <<'PY'
import json, os, pathlib, shutil, sys
root = pathlib.Path('.')
out = root / 'build-fuzz' / 'corpus'
cases = sorted((root / 'tests' / 'conformance' / 'cases').glob('*.json'))
for name in sys.argv[1:]:
    d = out / name
    d.mkdir(parents=True, exist_ok=True)
    def put(fname, data):
        p = d / fname
        if not p.exists():
            p.write_bytes(data)
    if name == 'case':
        for c in cases:
            put(c.name, c.read_bytes())
    elif name in ('policy', 'treasury', 'proposal'):
        for c in cases:
            doc = json.loads(c.read_text()).get(name)
            if doc is not None:
                put(c.name, json.dumps(doc, indent=1).encode())
        for ex in sorted((root / 'examples').glob(f'*/{name}*.json')):
            put(ex.parent.name + '-' + ex.name, ex.read_bytes())
    else:
        for s in sorted((root / 'tests' / 'fuzz' / 'corpus' / name).glob('*')):
            put(s.name, s.read_bytes())
PY

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1"
run() {
  local name="$1" seconds="$2"
  local dict=()
  case "$name" in case|policy|treasury|proposal) dict=(-dict=tests/fuzz/json.dict) ;; esac
  mkdir -p "build-fuzz/artifacts/$name"
  local log="build-fuzz/fuzz-$name.log"
  if build-fuzz/tests/fuzz/fuzz_"$name" "build-fuzz/corpus/$name" "${dict[@]}" -max_total_time="$seconds" \
      -seed="${BALLAST_FUZZ_SEED:-0}" -max_len=65536 -timeout=30 -rss_limit_mb=2560 -print_final_stats=1 \
      -artifact_prefix="build-fuzz/artifacts/$name/" >"$log" 2>&1; then
    local execs cov
    execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')"
    cov="$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo '?')"
    printf '  %-11s %10s executions, coverage %s edges, corpus %s inputs\n' "$name" "$execs" "$cov" \
      "$(ls "build-fuzz/corpus/$name" | wc -l)"
  else
    echo "  $name: FAILED, see $log and build-fuzz/artifacts/$name/"
    tail -40 "$log"
    return 1
  fi
}
export -f run
echo "== fuzzing ${#harnesses[@]} harnesses, ${seconds}s each, $jobs at a time"
printf '%s\n' "${harnesses[@]}" | xargs -P "$jobs" -I{} bash -c "run {} $seconds"
