#!/usr/bin/env bash
# Test and benchmark files are compiled together, eight or more to one unity
# batch, so each keeps its helpers in a namespace named after the file
# (tests/engine/rules_test.cc: namespace cchc::testutil::rules_test). Lists
# every file that does not, and exits 1 when there is one. One awk over all
# the files (a grep per file cost seconds on a busy machine).
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files -z 'tests/*/*.cc' 'bench/*.cc' | grep -zv '^tests/fuzz/' | xargs -0 awk '
  function report() {
    if (!named) {
      printf "%s: no '\''namespace cchc::%s {'\'' (or cchc::testutil::%s, ...): its helpers " \
             "would meet the other files'\'' in a unity batch\n", file, stem, stem
      status = 1
    }
    if (hides) {
      printf "%s: namespace cchc::testing hides gtest'\''s ::testing; the shared helpers are " \
             "cchc::testutil\n", file
      status = 1
    }
  }
  FNR == 1 {
    if (file != "") report()
    file = FILENAME; stem = file; sub(/.*\//, "", stem); sub(/\.cc$/, "", stem)
    named = 0; hides = 0
  }
  $0 ~ ("^namespace cchc(::[a-z_]+)*::" stem " [{]") { named = 1 }
  /^namespace cchc::testing([^a-z_]|$)/ { hides = 1 }
  END { if (file != "") report(); exit status }' || exit 1
