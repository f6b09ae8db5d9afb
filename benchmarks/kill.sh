#!/usr/bin/env bash
# The kill suite at scale (issue 8: the tests use small data; this is the large-data version). Real milvusdm processes
# moving a ~1 GB Faiss index are SIGKILLed at seeded-random points and resumed, then the destination is compared with
# the source: (a) an HDF5 export (no file may ever sit under its final name unless complete), (b) a Milvus collection
# on the test server in its storing mode (count and digest equal to the source's: nothing lost, nothing duplicated).
# Writes the "Kill and resume at scale" part of docs/benchmarks.md.
#
#   benchmarks/kill.sh [--rows N] [--kills N] [--max-delay S] [--seed N] [--scratch DIR] [--skip-build] [--doc FILE]
#
#   --rows N      rows of the index (dim 128 float32). Default 2,000,000 (1.02 GB).
#   --kills N     kills per destination before the run that is let finish. Default 6.
#   --max-delay S each run is killed between 1 and S seconds after it started (start-up included). Default 5 (a 1 GB HDF5 export takes about 6 s here).
#   --seed N      seed of the kill delays. Default 1.
#   --scratch DIR data and runs (never inside the repo). Default /tmp/milvusdm-bench, or $MILVUSDM_BENCH_DIR.
#   --skip-build  use the tool and test server already built in Release.
#   --doc FILE    where to write the report. Default docs/benchmarks.md (only its kill part is rewritten).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
ROWS=2000000
KILLS=6
MAX_DELAY=5
SEED=1
SCRATCH=${MILVUSDM_BENCH_DIR:-/tmp/milvusdm-bench}
BUILD=1
DOC=$REPO/docs/benchmarks.md
ARGS="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS=$2; shift 2 ;;
    --kills) KILLS=$2; shift 2 ;;
    --max-delay) MAX_DELAY=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --scratch) SCRATCH=$2; shift 2 ;;
    --skip-build) BUILD=0; shift ;;
    --doc) DOC=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$ROWS" "$KILLS" "$SEED" "$MAX_DELAY"; do [[ "$n" =~ ^[0-9]+$ ]] || { echo "--rows, --kills, --max-delay and --seed take integers" >&2; exit 2; }; done
[ "$MAX_DELAY" -ge 2 ] || { echo "--max-delay takes at least 2 seconds" >&2; exit 2; }
SCRATCH=$(mkdir -p "$SCRATCH" && cd "$SCRATCH" && pwd)
case "$SCRATCH/" in "$REPO"/*) echo "--scratch must be outside the repository ($REPO)" >&2; exit 2 ;; esac

PY=/usr/bin/python3
SCRIPTS=$REPO/benchmarks/scripts
log() { printf '[kill %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

bash "$REPO/eng/install-test-deps.sh"
TOOL=$REPO/src/Tool/bin/Release/net10.0/milvusdm.dll
SERVER=$REPO/tests/MilvusDm.Milvus.TestServer/bin/Release/net10.0/MilvusDm.Milvus.TestServer.dll
if [ "$BUILD" = 1 ]; then
  log "building the tool and the test server (Release)"
  dotnet build "$REPO/src/Tool" -c Release -nologo -v q >&2
  dotnet build "$REPO/tests/MilvusDm.Milvus.TestServer" -c Release -nologo -v q >&2
fi
[ -f "$TOOL" ] && [ -f "$SERVER" ] || { echo "build first: dotnet build src/Tool -c Release; dotnet build tests/MilvusDm.Milvus.TestServer -c Release" >&2; exit 1; }

INDEX=$SCRATCH/data/flat-${ROWS}x128.index
if [ ! -s "$INDEX" ]; then
  log "generating $INDEX with real Faiss"
  mkdir -p "$SCRATCH/data"
  $PY "$SCRIPTS/generate.py" flat "$INDEX" "$ROWS" 128 42 > "$SCRATCH/data/flat-${ROWS}x128.json"
fi
RUN=$SCRATCH/kill-$(date +%Y%m%d-%H%M%S)
mkdir -p "$RUN"
dotnet "$TOOL" inspect "$INDEX" --json > "$RUN/source.json"
RESULTS=$RUN/results.tsv
printf 'destination\trun\tkilled_after_s\texit\tnote\n' > "$RESULTS"

RANDOM=$SEED
# One job killed KILLS times at a random point between 1 s and LIMIT s after start (start-up included), then resumed
# to the end. After every kill, check_after_kill runs (a destination-specific invariant).
kill_loop() { # name job limit_s
  local name=$1 job=$2 limit=$3 i pid delay status args
  for i in $(seq 1 "$KILLS"); do
    args=(run "$job" --state-dir "$RUN/state-$name")
    [ "$i" -gt 1 ] && args+=(--resume)
    dotnet "$TOOL" "${args[@]}" > "$RUN/$name-$i.out" 2> "$RUN/$name-$i.err" &
    pid=$!
    delay=$(( (RANDOM % (limit * 10 - 10)) + 10 ))   # tenths of a second
    sleep "$((delay / 10)).$((delay % 10))"
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid"; wait "$pid" 2>/dev/null || true
      printf '%s\t%d\t%s\tkilled\t%s\n' "$name" "$i" "$((delay / 10)).$((delay % 10))" "$(check_after_kill "$name")" >> "$RESULTS"
      log "$name: run $i killed after $((delay / 10)).$((delay % 10)) s"
    else
      set +e; wait "$pid"; status=$?; set -e
      printf '%s\t%d\t%s\t%d\tfinished before the kill\n' "$name" "$i" "$((delay / 10)).$((delay % 10))" "$status" >> "$RESULTS"
      log "$name: run $i finished (exit $status) before the kill"
      return 0
    fi
  done
  set +e
  dotnet "$TOOL" run "$job" --state-dir "$RUN/state-$name" --resume > "$RUN/$name-final.out" 2> "$RUN/$name-final.err"
  status=$?
  set -e
  printf '%s\tfinal\t\t%d\tresumed to the end\n' "$name" "$status" >> "$RESULTS"
  log "$name: resumed to the end, exit $status"
}

# (a) HDF5 export. Invariant after every kill: any file under a final .h5 name is complete (its digest is the source's).
printf 'source: {plugin: faiss, path: %s}\nsink: {plugin: hdf5, dir: %s, mode: overwrite}\nverify: digest\n' "$INDEX" "$RUN/export" > "$RUN/export.yaml"
check_after_kill() {
  case "$1" in
    export)
      local f finals=0 bad=0
      for f in $(find "$RUN/export" -name '*.h5' 2>/dev/null); do
        finals=$((finals + 1))
        dotnet "$TOOL" inspect "$f" --json > "$RUN/check.json" 2>/dev/null || bad=$((bad + 1))
        $PY -c 'import json,sys; a=json.load(open(sys.argv[1]))["datasets"][0]["digest"]; b=json.load(open(sys.argv[2]))["datasets"][0]["digest"]; sys.exit(a!=b)' "$RUN/check.json" "$RUN/source.json" 2>/dev/null || bad=$((bad + 1))
      done
      echo "final .h5 files: $finals, incomplete among them: $bad" ;;
    milvus) echo "server alive: $(kill -0 "$SERVER_PID" 2>/dev/null && echo yes || echo no)" ;;
  esac
}
log "HDF5 export of $INDEX, $KILLS kills"
kill_loop export "$RUN/export.yaml" "$MAX_DELAY"
EXPORTED=$(find "$RUN/export" -name '*.h5' | head -n 1)
dotnet "$TOOL" inspect "${EXPORTED:-$RUN/export/missing.h5}" --json > "$RUN/export-final.json" 2> "$RUN/export-inspect.err" || true

# (b) Milvus: the test server in its storing mode (it keeps every row, so a duplicate would show in the count).
PORT=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
dotnet "$SERVER" --port "$PORT" > "$RUN/server.out" 2> "$RUN/server.err" &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do grep -q '^listening on' "$RUN/server.out" 2>/dev/null && break; sleep 0.1; done
printf 'source: {plugin: faiss, path: %s}\nsink: {plugin: milvus, uri: http://127.0.0.1:%s, collection: killed, mode: overwrite}\nverify: digest\n' "$INDEX" "$PORT" > "$RUN/milvus.yaml"
log "F2M of $INDEX into the test server (storing), $KILLS kills"
kill_loop milvus "$RUN/milvus.yaml" "$MAX_DELAY"
dotnet "$TOOL" inspect "http://127.0.0.1:$PORT" --collection killed --json > "$RUN/milvus-final.json" 2> "$RUN/milvus-inspect.err" || true

cat > "$RUN/context.json" <<EOF
{ "args": "${ARGS:-(no arguments)}", "rows": $ROWS, "kills": $KILLS, "seed": $SEED, "index": "$INDEX", "run": "$RUN",
  "dotnet_sdk": "$(dotnet --version)", "git_commit": "$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)" }
EOF
$PY "$SCRIPTS/report_kill.py" "$RUN" "$DOC"
log "runs: $RUN; report: $DOC"
