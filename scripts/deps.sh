#!/usr/bin/env bash
# Installs the Debian packages the native build and tests need, only when one is missing.
# Sourced by the other scripts; quiet and quick when everything is present.
set -euo pipefail

ballast_native_packages=(cmake ninja-build g++ nlohmann-json3-dev catch2 libboost-dev python3 python3-jsonschema)

ballast_install_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
