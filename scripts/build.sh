#!/usr/bin/env bash
# Configures and builds cchc in Release into ./build (-j2 by default), with
# Ninja and ccache when they are installed. Extra arguments go to cmake.
#   BUILD_DIR=build-asan bash scripts/build.sh -DCCHC_SANITIZE=ON ...
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BUILD_DIR:-build}
args=(-DCMAKE_BUILD_TYPE=Release)
# The generator of an existing build folder cannot change; keep what it has.
if [ ! -f "$dir/CMakeCache.txt" ] && command -v ninja >/dev/null; then args+=(-G Ninja); fi
if command -v ccache >/dev/null; then
  args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  # Paths relative to the checkout, so that two clones share cache entries.
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
fi
cmake -S . -B "$dir" "${args[@]}" "$@" >/dev/null
cmake --build "$dir" -j"${JOBS:-2}"
