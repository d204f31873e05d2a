#!/usr/bin/env bash
# Installs what is missing, checks the sources (clang-format, include
# layering), builds once in Release and runs every test, then builds the test
# suites with AddressSanitizer + UndefinedBehaviorSanitizer (no benchmarks)
# and runs them again. Set CCHC_SKIP_SANITIZE=1 to skip the second pass.
# Ninja and ccache are used when installed (scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# Every tracked C++ file must already be in the repository's .clang-format layout.
git ls-files -z '*.cc' '*.h' | xargs -0 clang-format --dry-run -Werror
bash scripts/check-layers.sh
bash scripts/build.sh -DCCHC_BUILD_TESTS=ON -DCCHC_BUILD_BENCH=ON
(cd build && ctest --output-on-failure -j2)
if [ "${CCHC_SKIP_SANITIZE:-0}" != 1 ]; then
  # Debug with -O1 -g1: ASan's recommended optimisation, and the cheapest
  # build of the Spirit X3 grammar that still gives usable stack traces. The
  # tests run the sanitized `cchc` binary too (bad-input corpus, limits,
  # atomic writes).
  BUILD_DIR=build-asan bash scripts/build.sh -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DCCHC_SANITIZE=ON -DCCHC_BUILD_TESTS=ON \
    -DCCHC_BUILD_BENCH=OFF
  # tests/lsan.supp: a leak inside libxlsxwriter itself (see the file).
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
     LSAN_OPTIONS="suppressions=$PWD/../tests/lsan.supp" \
     UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j2)
fi
