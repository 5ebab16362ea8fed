#!/usr/bin/env bash
# Builds the ballast CLI and checks the bundled endowment example: a compliant tranche and a
# violating one. Usage: scripts/example.sh [example-name]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
ballast_install_packages "${ballast_native_packages[@]}" "${ballast_bench_packages[@]}"

ballast_configure_native   # the folder and options scripts/test.sh uses: no rebuild between them
cmake --build build --target ballast

example="${1:-endowment}"
dir="examples/$example"
for proposal in "$dir"/proposal-*.json; do
  echo
  echo "\$ ballast check --policy $dir/policy.json --treasury $dir/treasury.json --proposal $proposal"
  set +e
  ./build/ballast check --policy "$dir/policy.json" --treasury "$dir/treasury.json" --proposal "$proposal"
  echo "(exit code $?)"
  set -e
done
