#!/usr/bin/env bash
# Runs every command of a cchc binary over the shipped example in every format
# and language and writes the outputs (stdout, stderr, exit code) into DIR, so
# that two builds can be compared byte for byte with `diff -r`:
#   bash scripts/snapshot-outputs.sh ./build/cchc /tmp/after
set -uo pipefail
bin=$(realpath "$1"); out=$2
root=$(realpath "$(dirname "$0")/..")
C=$root/examples/thai-nguyen-2026/criteria.cchc
E=$root/examples/an-khanh-2026
rm -rf "$out"; mkdir -p "$out"; out=$(realpath "$out")
# Commands run inside a scratch folder with relative file names, so that no
# temporary path shows in an output.
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; cd "$work"
"$bin" synth "$C" --units 12 --seed 7 --template "$E/evidence.json" -o communes.ndjson >/dev/null 2>&1
run() {  # NAME ARGS...: stdout, stderr and exit code of one command
  local name=$1; shift
  "$bin" "$@" >"$out/$name.out" 2>"$out/$name.err"; echo $? >"$out/$name.rc"
}
run check check "$C"
run fmt fmt "$C"
for lang in vi en; do
  for f in table json csv md; do
    run score-$lang-$f score "$C" "$E/evidence.json" --format $f --lang $lang
    run whatif-$lang-$f whatif "$C" "$E/evidence.json" "$E/scenario-dialogue.json" --format $f --lang $lang
    run tasks-$lang-$f tasks "$C" "$E/evidence.json" "$E/tasks.json" --budget 30 --target-band "Tốt" --format $f --lang $lang
    run sensitivity-$lang-$f sensitivity "$C" "$E/evidence.json" --format $f --lang $lang
    run batch-$lang-$f batch "$C" communes.ndjson --format $f --lang $lang --jobs 1
    run uncertainty-$lang-$f uncertainty "$C" communes.ndjson --samples 200 --seed 1 --sobol --format $f --lang $lang
  done
  run report-$lang-html report "$C" "$E/evidence.json" --tasks "$E/tasks.json" --budget 30 --format html --lang $lang -o report-$lang.html
done
run synth synth "$C" --units 3 --seed 11 --template "$E/evidence.json" -o synth.ndjson
cp report-*.html synth.ndjson "$out/"
