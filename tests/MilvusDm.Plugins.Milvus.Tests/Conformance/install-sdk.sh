#!/usr/bin/env bash
# Installs the official Milvus Node SDK, pinned to an exact version, into a temporary folder (argument 1) for the
# conformance and interop tests. Its dist/milvus/proto-json holds the real protocol descriptors.
# Fails (never skips) when npm is missing or the install fails. v1/install-sdk.sh reuses it for the 1.x SDK.
set -euo pipefail
SDK_PACKAGE="${SDK_PACKAGE:-@zilliz/milvus2-sdk-node}"
SDK_VERSION="${SDK_VERSION:-3.0.6}" # checked with: npm view @zilliz/milvus2-sdk-node version (2026-11-22)
dir="${1:?usage: install-sdk.sh TARGET_DIR}"
command -v npm >/dev/null || { echo "npm is not installed: the Milvus conformance test needs Node.js and npm" >&2; exit 3; }
mkdir -p "$dir"
installed="$dir/node_modules/$SDK_PACKAGE/package.json"
if [ -f "$installed" ] && grep -q "\"version\": \"$SDK_VERSION\"" "$installed"; then
  exit 0
fi
cd "$dir"
[ -f package.json ] || echo '{"name":"milvusdm-conformance","private":true}' > package.json
npm install --no-audit --no-fund --save-exact "$SDK_PACKAGE@$SDK_VERSION" >&2
grep -q "\"version\": \"$SDK_VERSION\"" "$installed"
