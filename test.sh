#!/usr/bin/env bash
# The one test command: installs what the tests need on a clean Debian machine, then runs every test.
#   ./test.sh            all tests
#   ./test.sh --filter X extra arguments go to 'dotnet test'
set -euo pipefail
cd "$(dirname "$0")"

bash eng/install-test-deps.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test MilvusDm.Tool.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line that any CI reader understands, summed over every test project.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     } END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
