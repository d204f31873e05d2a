#!/usr/bin/env bash
# `cchc sensitivity` on a commune with thousands of `onestop` records, which
# the example criteria read through latest(): builds the file once (the An
# Khánh example plus dated copies of its `onestop` record, figures varied
# deterministically and consistent with the record's `require` rules, up to
# RECORDS onestop records) and prints the CPU time (user + system), wall time
# and peak memory of one run, and how many inputs were found and analysed.
# Usage: bench/sensitivity_latest.sh [BUILD_DIR] [RECORDS]   (a Release build with cchc)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
records=${2:-2000}
cchc=$build/cchc
criteria=examples/thai-nguyen-2026/criteria.cchc
file=/tmp/cchc-sensitivity-onestop-$records.json
[ -x "$cchc" ] || { echo "missing $cchc: build the cchc target (Release)" >&2; exit 2; }
if [ ! -s "$file" ]; then
  jq --argjson n "$records" '
    def pad: tostring | ("00000" + .)[-5:];
    def two: tostring | ("0" + .)[-2:];
    ([.records[] | select(.kind == "onestop")][0]) as $o
    | .records += [range(0; $n - 1) as $i
        | (900 + $i % 250) as $resolved | ($resolved - $i % 60) as $on_time
        | $o + {id: "TTHC-S\($i | pad)",
                issued: "2026-\($i % 10 + 1 | two)-\($i % 28 + 1 | two)",
                received: ($resolved + 50), resolved: $resolved, on_time: $on_time,
                late: ($resolved - $on_time), apologies: ($resolved - $on_time)}]
  ' examples/an-khanh-2026/evidence.json > "$file"
fi
echo "onestop records: $(jq '[.records[] | select(.kind == "onestop")] | length' "$file") in $file"
/usr/bin/time -f "%U %S %e %M" -o /tmp/cchc-sensitivity-onestop.time \
  "$cchc" sensitivity "$criteria" "$file" --format json > /tmp/cchc-sensitivity-onestop.json
awk '{printf "cpu %.2f s (user %.2f + system %.2f), wall %.2f s, peak %.0f MB\n",
      $1 + $2, $1, $2, $3, $4 / 1024}' /tmp/cchc-sensitivity-onestop.time
jq -r '"inputs found \(.inputs_found), analysed \(.inputs_analysed)"' /tmp/cchc-sensitivity-onestop.json
