#!/usr/bin/env bash
# The one test command: installs what the tests need on a clean Debian machine, then runs every test.
#   ./test.sh            all tests
#   ./test.sh --filter X extra arguments go to 'dotnet test'
set -euo pipefail
cd "$(dirname "$0")"

bash eng/install-test-deps.sh

log=$(mktemp)
# A private MariaDB on loopback for the tests that read Milvus 1.x meta from MySQL, in a folder of this run's own
# (another run may be using the default one), stopped on exit.
export MILVUSDM_MARIADB_DIR="${TMPDIR:-/tmp}/milvusdm-mariadb-test-$$"
trap 'rm -f "$log"; bash eng/mariadb.sh stop' EXIT
bash eng/mariadb.sh start
mysql_env=$(bash eng/mariadb.sh env)
while IFS= read -r line; do export "${line?}"; done <<<"$mysql_env"
set +e
dotnet test MilvusDm.Tool.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line that any CI reader understands, summed over every test project.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     } END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
