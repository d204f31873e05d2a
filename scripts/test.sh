#!/usr/bin/env bash
# Installs what is missing, checks the sources (clang-format, include
# layering), builds once with AddressSanitizer and UndefinedBehaviorSanitizer
# (the tests and the cchc binary they run) and runs every test on 2 cores.
# CCHC_SANITIZE=0 builds and tests in Release instead (build/), e.g. where the
# sanitizers' runtime is unwanted.
# Ninja and ccache are used when installed (scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# Every tracked C++ file must already be in the repository's .clang-format layout.
git ls-files -z '*.cc' '*.h' | xargs -0 clang-format --dry-run -Werror
bash scripts/check-layers.sh
bash scripts/check-test-namespaces.sh
# A unity build (CMake compiles a library's files eight at a time) parses each
# heavy header once per batch instead of once per file: a clean build costs
# about a third less. Every file keeps its helpers in its own namespace or
# under a name used once, so the batches compile; scripts/build.sh, for
# day-to-day work, keeps one object per file.
unity=-DCMAKE_UNITY_BUILD=ON
if [ "${CCHC_SANITIZE:-1}" = 0 ]; then
  bash scripts/build.sh $unity -DCCHC_BUILD_TESTS=ON -DCCHC_BUILD_BENCH=ON
  (cd build && ctest --output-on-failure -j2)
  exit 0
fi
# One build: the sanitizers find what a Release run of the same tests would
# miss, and a second (Release) build would double the time of CI. -O1 is
# ASan's recommended optimisation and the cheapest build of the Spirit X3
# grammar that still gives usable stack traces; the test files themselves
# compile at -O0 (tests/CMakeLists.txt). The benchmarks are not built here:
# they mean something only in Release, which builds them by default
# (scripts/build.sh, or CCHC_SANITIZE=0 below).
BUILD_DIR=build-asan bash scripts/build.sh $unity -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DCCHC_SANITIZE=ON -DCCHC_BUILD_TESTS=ON \
  -DCCHC_BUILD_BENCH=OFF
# tests/lsan.supp: a leak inside libxlsxwriter itself (see the file).
cd build-asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  LSAN_OPTIONS="suppressions=$PWD/../tests/lsan.supp" \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j2
