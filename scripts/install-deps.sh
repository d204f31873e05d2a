#!/usr/bin/env bash
# Installs the Debian 12 packages cchc builds with, only those missing.
# Run as root. Nothing is downloaded at build time. Ninja and ccache speed
# up builds; clang-format is the layout check of scripts/test.sh.
set -euo pipefail
packages=(cmake make g++ pkg-config libboost-dev libeigen3-dev nlohmann-json3-dev libsimdjson-dev
          libcli11-dev libbenchmark-dev libgtest-dev libgmock-dev libxlsxwriter-dev libzip-dev
          libexpat1-dev zlib1g-dev unzip ninja-build ccache clang-format git
          libcpp-httplib-dev chromium)
# The browser tests run puppeteer-core under Node.js (npm installs it into
# tests/browser/node_modules); Debian's nodejs and npm unless Node is present.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
if [ "${CCHC_FUZZ:-0}" = 1 ]; then packages+=(clang-14 libclang-rt-14-dev); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
