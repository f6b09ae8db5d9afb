#!/usr/bin/env bash
# Installs the Milvus 0.10/1.x Node SDK, pinned to an exact version, into a temporary folder (argument 1) for the 1.x
# conformance and interop tests; its dist/grpc-proto/{milvus,status}.proto are the upstream 1.x protocol files.
# Fails (never skips) when npm is missing or the install fails.
set -euo pipefail
export SDK_PACKAGE="@zilliz/milvus-sdk-node"
export SDK_VERSION="1.0.0" # the only release of the 1.x SDK: npm view @zilliz/milvus-sdk-node versions (2026-11-30)
exec bash "$(dirname "$0")/../install-sdk.sh" "$@"
