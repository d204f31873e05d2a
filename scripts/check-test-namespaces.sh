#!/usr/bin/env bash
# Test and benchmark files are compiled together, eight or more to one unity
# batch, so each keeps its helpers in a namespace named after the file
# (tests/engine/rules_test.cc: namespace cchc::testutil::rules_test). Lists
# every file that does not, and exits 1 when there is one.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for file in $(git ls-files 'tests/*/*.cc' 'bench/*.cc' | grep -v '^tests/fuzz/'); do
  stem=$(basename "$file" .cc)
  if ! grep -qE "^namespace cchc(::[a-z_]+)*::${stem} \{" "$file"; then
    echo "$file: no 'namespace cchc::${stem} {' (or cchc::testutil::${stem}, ...): its helpers" \
      "would meet the other files' in a unity batch"
    status=1
  fi
  if grep -qE '^namespace cchc::testing\b' "$file"; then
    echo "$file: namespace cchc::testing hides gtest's ::testing; the shared helpers are cchc::testutil"
    status=1
  fi
done
exit $status
