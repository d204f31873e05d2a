#!/usr/bin/env bash
# Checks the include direction that CMake linking cannot see: no engine file
# outside engine/render/ includes an engine/render/ header, and no lower
# layer includes a higher one (criteria → evidence → engine → cli). Prints
# every offending line and exits 1 when there is one.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
# check PREFIX WHY PATH...: every tracked source file under PATH... that
# includes a header whose name starts with PREFIX (an extended regex).
check() {
  local prefix=$1 why=$2; shift 2
  [ $# -gt 0 ] || return 0
  local hits
  hits=$(git ls-files -- "$@" | grep -E '\.(cc|h)$' |
         xargs -r grep -nE "^[[:space:]]*#[[:space:]]*include[[:space:]]+\"$prefix" || true)
  if [ -n "$hits" ]; then
    echo "$hits" | sed "s|\$|   <- $why|"
    status=1
  fi
}
engine_below_render=$(git ls-files -- engine | grep -E '\.(cc|h)$' | grep -v '^engine/render/' || true)
check engine/render/ "only engine/render/ may include engine/render/ headers" $engine_below_render
check 'engine/|evidence/|cli/' "criteria/ includes nothing above it" criteria
check 'engine/|cli/' "evidence/ includes nothing above it" evidence
check cli/ "engine/ includes nothing from cli/" engine
if [ $status -ne 0 ]; then echo "layering: the includes above break the dependency rule" >&2; fi
exit $status
