#!/usr/bin/env bash
# Builds the libFuzzer targets with clang 14 (ASan + UBSan) into
# ${FUZZ_BUILD:-/tmp/build-fuzz} and runs each, one after the other, for
# SECONDS (default 60) over a seed corpus made from examples/ and tests/.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (e.g. scripts/fuzz.sh 600 fuzz_serve)
# Crashes land in $FUZZ_BUILD/artifacts/TARGET/; a summary per target in
# $FUZZ_BUILD/logs/TARGET.log. One in-process job per target (as -jobs=1,
# without the fork); exit 1 when any target found a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-60}
shift || true
build=${FUZZ_BUILD:-/tmp/build-fuzz}
cc=${CC:-clang-14}
cxx=${CXX:-clang++-14}

all_targets=(fuzz_criteria fuzz_evidence_json fuzz_evidence_json_fast fuzz_evidence_csv fuzz_score
             fuzz_evidence_xlsx)
if [ -f tests/fuzz/fuzz_scenario.cc ] && [ -f evidence/scenario_loader.h ]; then
  all_targets+=(fuzz_scenario)
fi
if [ -f tests/fuzz/fuzz_batch.cc ] && [ -f engine/batch/batch.h ]; then
  all_targets+=(fuzz_batch)
fi
if [ -f tests/fuzz/fuzz_serve.cc ] && [ -d cli/serve ]; then
  all_targets+=(fuzz_serve)
fi
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")

launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
CC=$cc CXX=$cxx cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCCHC_FUZZ=ON \
  -DCCHC_BUILD_TESTS=OFF -DCCHC_BUILD_BENCH=OFF "${launcher[@]}" >/dev/null
nice -n 10 cmake --build "$build" -j"${JOBS:-2}" --target "${targets[@]}"

# Seed corpora: every example and test file of the target's format.
seed() {  # seed DIR PATTERN...
  local dir=$1
  shift
  mkdir -p "$dir"
  local f
  for f in "$@"; do
    [ -f "$f" ] && [ -r "$f" ] && cp -f "$f" "$dir/$(echo "$f" | tr '/' '_')"
  done
  return 0
}
shopt -s nullglob globstar
seeds=$build/seeds
rm -rf "$seeds"
seed "$seeds/fuzz_criteria" examples/**/*.cchc tests/golden/*.cchc tests/bad-input/*.cchc
seed "$seeds/fuzz_evidence_json" examples/**/evidence*.json tests/bad-input/*.json \
  tests/evidence/data/*.json
seed "$seeds/fuzz_evidence_json_fast" examples/**/evidence*.json tests/bad-input/*.json \
  tests/evidence/data/*.json
seed "$seeds/fuzz_evidence_csv" examples/**/*.csv tests/bad-input/*.csv tests/evidence/data/*.csv
seed "$seeds/fuzz_evidence_xlsx" tests/bad-input/xlsx_*.xlsx
seed "$seeds/fuzz_score" examples/**/evidence*.json tests/bad-input/evidence*.json
seed "$seeds/fuzz_scenario" examples/**/scenario*.json examples/**/tasks*.json \
  tests/bad-input/scenario*.json tests/bad-input/tasks*.json
# NDJSON: the example evidence on one line, twice under two unit codes.
mkdir -p "$seeds/fuzz_batch"
for f in examples/**/evidence*.json tests/bad-input/evidence_crlf.json \
    tests/bad-input/evidence_minus_zero.json; do
  one=$(tr -d '\r\n' <"$f")
  printf '%s\n%s\n' "$one" "${one/\"code\": \"/\"code\": \"X}" >"$seeds/fuzz_batch/$(echo "$f" | tr '/' '_').ndjson"
done
seed "$seeds/fuzz_batch" tests/bad-input/*.ndjson
# The server's handlers: the first byte picks the route (see fuzz_serve.cc:
# 0 preview, 1 whatif, 2 tasks/apply, 3 upload JSON, 4 upload CSV, 5 save,
# 6 whatif with a source), the rest is a valid body for it.
mkdir -p "$seeds/fuzz_serve"
ex=examples/an-khanh-2026
body() {  # body ROUTE NAME FILE|-: the route byte, then the file (or stdin)
  { printf "\\$(printf '%03o' "$1")"; cat "$3"; } >"$seeds/fuzz_serve/$2"
}
if [ -d cli/serve ]; then
  body 0 preview.json $ex/evidence.json
  body 1 whatif.json $ex/scenario-dialogue.json
  python3 -c 'import json, sys; t = json.load(open(sys.argv[1]))["tasks"]
print(json.dumps({"tasks": [x["id"] for x in t[:3]]}))' $ex/tasks.json | body 2 tasks.json -
  body 3 upload.json $ex/evidence.json
  printf 'id,kind,issued,chaired_by,participants\nDOITHOAI-09,dialogue,2026-12-01,"Chủ tịch UBND xã, ""A""",80\n' |
    body 4 upload.csv -
  printf '\xEF\xBB\xBF# decimal: ,\r\nid;kind;satisfaction;sample\r\nKS-9;survey;85,4;150\r\n' |
    body 4 upload-excel.csv -
  body 5 save.json $ex/evidence.json
  body 6 whatif-source.json $ex/scenario-dialogue.json
  for f in tests/bad-input/scenario*.json; do [ -f "$f" ] && body 1 "bad-$(basename "$f")" "$f"; done
fi
# An empty corpus makes libFuzzer start from nothing; give it one byte.
for t in "${targets[@]}"; do
  [ -n "$(ls -A "$seeds/$t" 2>/dev/null)" ] || { mkdir -p "$seeds/$t"; printf '{' > "$seeds/$t/min"; }
done

dict_of() {
  case $1 in
    fuzz_criteria) echo tests/fuzz/criteria.dict ;;
    fuzz_evidence_csv) echo tests/fuzz/csv.dict ;;
    fuzz_evidence_xlsx) echo tests/fuzz/xlsx.dict ;;
    *) echo tests/fuzz/json.dict ;;
  esac
}

failed=0
mkdir -p "$build/logs"
for t in "${targets[@]}"; do
  corpus=$build/corpus/$t
  artifacts=$build/artifacts/$t
  mkdir -p "$corpus" "$artifacts"
  echo "== $t: ${seconds}s"
  set +e
  (cd "$build" && nice -n 10 ./"$t" -max_total_time="$seconds" \
     -rss_limit_mb=2048 -timeout=10 -max_len=65536 -print_final_stats=1 \
     -dict="$root/$(dict_of "$t")" -artifact_prefix="$artifacts/" \
     "$corpus" "$seeds/$t") >"$build/logs/$t.log" 2>&1
  rc=$?
  set -e
  grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb)' \
    "$build/logs/$t.log" | sed 's/^/   /' || true
  n=$(ls -A "$artifacts" | wc -l)
  echo "   exit $rc, corpus $(ls -A "$corpus" | wc -l) files, $n artifact(s) in $artifacts"
  if [ "$rc" -ne 0 ] || [ "$n" -ne 0 ]; then failed=1; fi
done
exit $failed
