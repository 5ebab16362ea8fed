#!/usr/bin/env bash
# The step of the GitHub Action (action.yml): expands the proposal patterns and runs
# `ballast check` from the npm package. Inputs come as BALLAST_* environment variables.
set -euo pipefail
shopt -s globstar nullglob

args=(check --policy "$BALLAST_POLICY" --treasury "$BALLAST_TREASURY" --format "${BALLAST_FORMAT:-github}")
[ -n "${BALLAST_OUTPUT:-}" ] && args+=(--output "$BALLAST_OUTPUT")
[ "${BALLAST_FAIL_ON_WARN:-false}" = "true" ] && args+=(--fail-on-warn)

# Each pattern expands to its files; a pattern that matches nothing is passed on as it is, so the
# checker reports it as an unreadable file instead of it vanishing from the run.
proposals=()
read -r -d '' -a patterns <<<"$BALLAST_PROPOSALS" || true
for pattern in "${patterns[@]}"; do
  matches=($pattern)
  if [ ${#matches[@]} -eq 0 ]; then proposals+=("$pattern"); else proposals+=("${matches[@]}"); fi
done
if [ ${#proposals[@]} -eq 0 ]; then
  echo "::error title=ballast::the proposals input names no file"
  exit 64
fi

exec npm exec --yes --package="${BALLAST_PACKAGE:-@ballast/checker}" -- ballast "${args[@]}" "${proposals[@]}"
