#!/usr/bin/env bash
# The national batch against the parse floor, from one run: generates the
# national NDJSON (3,321 synthetic communes, seed 2026, ~101 MB) into /tmp
# once, times `cchc batch` on it (CPU with --jobs 1, the best of three runs;
# wall with --jobs 2; peak memory with --format json -o), then the raw
# simdjson DOM and nlohmann parses of the same bytes, line by line
# (bench/parse_bench.cc), and prints the batch CPU time over the simdjson
# parse time. The file is read once before the runs, so that each finds it in
# the page cache as the parse benchmark does (on a VM that evicts cold pages,
# a run that reads it from disk spends its I/O in the kernel).
# Usage: bench/national.sh [BUILD_DIR]   (a Release build with cchc and cchc_bench)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cchc=$build/cchc
bench=$build/cchc_bench
criteria=examples/thai-nguyen-2026/criteria.cchc
file=${NATIONAL_NDJSON:-/tmp/cchc-national.ndjson}
for b in "$cchc" "$bench"; do
  [ -x "$b" ] || { echo "missing $b: build the cchc and cchc_bench targets (Release)" >&2; exit 2; }
done
if [ ! -s "$file" ]; then
  "$cchc" synth "$criteria" --units 3321 --seed 2026 -o "$file"
fi

# One run of a command: "CPU_SECONDS WALL_SECONDS", from bash's `time`
# (milliseconds; /usr/bin/time prints hundredths, a quarter of the ratio's
# margin). And its peak memory in MB, from /usr/bin/time.
measure() {
  local TIMEFORMAT='%3U %3S %3R'
  { time "$@" >/dev/null 2>&1; } 2>/tmp/cchc-national.time
  awk '{printf "%.3f %.3f\n", $1 + $2, $3}' /tmp/cchc-national.time
}
peak_mb() {
  /usr/bin/time -f "%M" -o /tmp/cchc-national.rss "$@" >/dev/null 2>&1
  awk '{printf "%.0f\n", $1 / 1024}' /tmp/cchc-national.rss
}
cat "$file" >/dev/null
cpu1=
for run in 1 2 3; do
  read -r cpu wall1 < <(measure "$cchc" batch "$criteria" "$file" --jobs 1)
  if [ -z "$cpu1" ] || awk -v a="$cpu" -v b="$cpu1" 'BEGIN { exit !(a < b) }'; then cpu1=$cpu; fi
done
read -r cpu2 wall2 < <(measure "$cchc" batch "$criteria" "$file" --jobs 2)
rss1=$(peak_mb "$cchc" batch "$criteria" "$file" --jobs 1)
rssj=$(peak_mb "$cchc" batch "$criteria" "$file" --jobs 2 --format json -o /tmp/cchc-national.json)

# Raw parses: CPU time per pass over the file, in seconds.
CCHC_NDJSON=$file "$bench" --benchmark_filter='BM_RawParse' --benchmark_min_time=1 \
  --benchmark_format=csv 2>/dev/null >/tmp/cchc-national-parse.csv
parse() {  # parse NAME -> seconds of CPU per pass
  awk -F, -v n="\"$1\"" '$1 == n {
    t = $4; u = $5; gsub(/"/, "", u)
    f = u == "ns" ? 1e-9 : u == "us" ? 1e-6 : u == "ms" ? 1e-3 : 1
    printf "%.3f\n", t * f }' /tmp/cchc-national-parse.csv
}
sj=$(parse BM_RawParseSimdjsonDom)
sax=$(parse BM_RawParseNlohmannSax)
dom=$(parse BM_RawParseNlohmannDom)

bytes=$(stat -c %s "$file")
printf 'national file: %s (%d MB, %d lines)\n' "$file" $((bytes / 1000000)) "$(wc -l <"$file")"
printf '%-52s %8s\n' "measure" "seconds"
printf '%-52s %8s\n' "cchc batch --jobs 1, CPU (best of 3)" "$cpu1"
printf '%-52s %8s\n' "cchc batch --jobs 2, wall" "$wall2"
printf '%-52s %8s\n' "raw parse, simdjson DOM (CPU)" "$sj"
printf '%-52s %8s\n' "raw parse, nlohmann SAX, no-op handler (CPU)" "$sax"
printf '%-52s %8s\n' "raw parse, nlohmann DOM (CPU)" "$dom"
awk -v b="$cpu1" -v s="$sj" 'BEGIN { printf "%-52s %7.1fx\n", "batch CPU / simdjson parse", b / s }'
printf '%-52s %5s MB\n' "peak RSS, --jobs 1 (table to /dev/null)" "$rss1"
printf '%-52s %5s MB\n' "peak RSS, --jobs 2 --format json -o FILE" "$rssj"
