#!/usr/bin/env bash
# Checks that the code table of docs/evidence-format.md lists every code a
# command can print, and nothing else. A code is in the sources when it names
# an enum value ("= 513,  // E513") or is a string literal ("W601") in
# criteria/, evidence/, engine/ or cli/. Prints each difference; exits 1 on one.
set -euo pipefail
cd "$(dirname "$0")/.."
doc=docs/evidence-format.md
srcs=$(git ls-files criteria evidence engine cli | grep -E '\.(cc|h)$')
from_sources=$( (
  # enum values with their code in the comment: "kName = 513,  // E513 ..."
  grep -hoE '= [0-9]{3},[[:space:]]*// [EWN][0-9]{3}' $srcs | grep -oE '[EWN][0-9]{3}$'
  # string literals: "W601", "E512"
  grep -hoE '"[EWN][0-9]{3}"' $srcs | tr -d '"'
  # the prose an enum's severity can turn into another letter: "an error (E512)"
  grep -hoE '\((E|W)[0-9]{3}\)' $srcs | tr -d '()'
) | sort -u)
# the first column of the tables: "| E513 | ..."
in_doc=$(grep -oE '^\| [EWN][0-9]{3} \|' "$doc" | grep -oE '[EWN][0-9]{3}' | sort -u)
status=0
missing=$(comm -23 <(echo "$from_sources") <(echo "$in_doc"))
extra=$(comm -13 <(echo "$from_sources") <(echo "$in_doc"))
for c in $missing; do echo "$doc: code $c is printed by the sources but not in the table"; status=1; done
for c in $extra; do echo "$doc: code $c is in the table but no source prints it"; status=1; done
[ $status -eq 0 ] && echo "codes: $(echo "$in_doc" | wc -l) in the table, the same as in the sources"
exit $status
