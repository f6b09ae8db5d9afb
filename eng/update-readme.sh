#!/usr/bin/env bash
# Regenerates the job-file reference in README.md (between the BEGIN/END list-plugins markers) from the built
# plugins' config metadata: `milvusdm list-plugins --markdown`. Only the built-in plugins are listed: the tool runs
# with an empty home folder and no MILVUSDM_PLUGIN_PATH, so plugins installed on this machine are not picked up.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build src/Tool -v quiet -nologo >/dev/null
home=$(mktemp -d)
generated=$(mktemp)
trap 'rm -rf "$home" "$generated"' EXIT
configuration=${CONFIGURATION:-Debug}
HOME="$home" MILVUSDM_PLUGIN_PATH='' dotnet "src/Tool/bin/$configuration/net10.0/milvusdm.dll" list-plugins --markdown >"$generated"

awk -v generated="$generated" '
  /^<!-- BEGIN list-plugins --markdown/ { print; while ((getline line < generated) > 0) print line; skipping = 1; next }
  /^<!-- END list-plugins --markdown/ { skipping = 0 }
  !skipping { print }
' README.md >README.md.new
mv README.md.new README.md
echo "README.md: job-file reference regenerated"
