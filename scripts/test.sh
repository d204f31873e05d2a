#!/usr/bin/env bash
# Installs what is missing, builds once in Release and runs every test, then
# builds the test suites with AddressSanitizer + UndefinedBehaviorSanitizer
# and runs them again. Set CCHC_SKIP_SANITIZE=1 to skip the second pass.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh -DCCHC_BUILD_TESTS=ON -DCCHC_BUILD_BENCH=ON
(cd build && ctest --output-on-failure -j2)
if [ "${CCHC_SKIP_SANITIZE:-0}" != 1 ]; then
  # -O1 -g1: ASan's recommended optimisation, and the cheapest build of the
  # Spirit X3 grammar that still gives usable stack traces. The tests run the
  # sanitized `cchc` binary too (bad-input corpus, limits, atomic writes).
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
    -DCCHC_SANITIZE=ON -DCCHC_BUILD_TESTS=ON -DCCHC_BUILD_BENCH=OFF >/dev/null
  cmake --build build-asan -j"${JOBS:-2}"
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
     UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j2)
fi
