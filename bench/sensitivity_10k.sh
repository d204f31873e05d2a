#!/usr/bin/env bash
# `cchc sensitivity` on a 10,000-record commune, every input: builds the file
# once (the An Khánh example plus copies of its 51 `task` records, statuses,
# plans and dates varied deterministically, up to 10,000 records) and prints
# the CPU time (user + system), wall time and peak memory of one run, and how
# many inputs were found and analysed.
# Usage: bench/sensitivity_10k.sh [BUILD_DIR] [RECORDS]   (a Release build with cchc)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
records=${2:-10000}
cchc=$build/cchc
criteria=examples/thai-nguyen-2026/criteria.cchc
file=/tmp/cchc-sensitivity-$records.json
[ -x "$cchc" ] || { echo "missing $cchc: build the cchc target (Release)" >&2; exit 2; }
if [ ! -s "$file" ]; then
  jq --argjson n "$records" '
    def pad: tostring | ("00000" + .)[-5:];
    [.records[] | select(.kind == "task")] as $tasks
    | (.records | length) as $have
    | .records += [range(0; $n - $have) as $i | $tasks[$i % ($tasks | length)]
        + {id: ("\($tasks[$i % ($tasks | length)].id)-S\($i | pad)"),
           status: (["done", "done", "in_progress", "not_started"][$i % 4]),
           plan: (["cchc", "tuyen_truyen", "theo_doi_thpl", "dao_tao", "ubnd_tinh"][$i % 5])}
        | if .status == "done" then . else del(.done_on) end]
  ' examples/an-khanh-2026/evidence.json > "$file"
fi
echo "records: $(jq '.records | length' "$file") in $file"
/usr/bin/time -f "%U %S %e %M" -o /tmp/cchc-sensitivity.time \
  "$cchc" sensitivity "$criteria" "$file" --format json > /tmp/cchc-sensitivity.json
awk '{printf "cpu %.2f s (user %.2f + system %.2f), wall %.2f s, peak %.0f MB\n",
      $1 + $2, $1, $2, $3, $4 / 1024}' /tmp/cchc-sensitivity.time
jq -r '"inputs found \(.inputs_found), analysed \(.inputs_analysed)"' /tmp/cchc-sensitivity.json
