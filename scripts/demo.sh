#!/usr/bin/env bash
# Installs what is missing, builds, and scores the shipped example:
# An Khánh commune against the (reconstructed) Thái Nguyên 2026 criteria.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh -DCCHC_BUILD_TESTS=OFF -DCCHC_BUILD_BENCH=OFF
./build/cchc score examples/thai-nguyen-2026/criteria.cchc examples/an-khanh-2026/evidence.json
