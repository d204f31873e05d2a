#!/usr/bin/env bash
# Runs the browser tests: installs puppeteer-core from package-lock.json into
# tests/browser/node_modules when missing (npm ci), then drives Debian's
# chromium: the HTML report printed to PDF (print_report.mjs), then the
# serve end-to-end test. Usage: run.sh CCHC_BINARY ARTEFACT_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
if [ ! -d node_modules/puppeteer-core ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
node print_report.mjs "$1" "$(cd ../.. && pwd)" "$2"
exec node serve_e2e.mjs "$1" "$(cd ../.. && pwd)" "$2"
