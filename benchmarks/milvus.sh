#!/usr/bin/env bash
# End-to-end write benchmark into Milvus: milvusdm jobs from real Faiss (F2M) and h5py (H2M) files at dims 128 and 768
# into the Milvus test server running as a separate process in count-only mode (it checks, counts and digests every
# Insert but stores no row, so the server's memory does not limit the size). Every run's destination digest is
# checked against `milvusdm inspect` of the source. Writes the "Milvus sink" part of docs/benchmarks.md.
#
#   benchmarks/milvus.sh [--rows128 N] [--rows768 N] [--reps N] [--scale4] [--no-profile] [--scratch DIR] [--skip-build] [--doc FILE]
#
#   --rows128 N   rows of the dim-128 files. Default 1,000,000 (512 MB of float32 vectors).
#   --rows768 N   rows of the dim-768 files. Default 170,000 (522 MB).
#   --reps N      repetitions of every measurement (the doc reports the median). Default 3.
#   --scale4      also F2M at dim 128 with 4x --rows128 (defaults and the replay only): time per million rows and
#                 peak memory at 4x the data, against 1x.
#   --no-profile  skip the perf profile of one extra F2M dim-128 run (client and server), made when perf works.
#   --scratch DIR data, job files and raw results (never inside the repo). Default /tmp/milvusdm-bench, or
#                 $MILVUSDM_BENCH_DIR; files already there with the same rows, dim and seed are reused.
#   --skip-build  use the tool, the test server and the replay client already built in Release.
#   --doc FILE    where to write the report. Default docs/benchmarks.md (only its Milvus part is rewritten).
#
# Each measurement is one milvusdm process under /usr/bin/time -v and one fresh test-server process (its CPU time is
# reported apart), in three configurations: the defaults (4 batches read ahead, 3 Insert requests in flight), one
# batch in flight (--set batch.in_flight=1), and fully serial (also --set sink.in_flight=1: one request at a time,
# as the original MilvusDM inserted). Two references go into the same fresh servers: the original-style Python
# pipeline (scripts/original_pipeline.py: numpy -> lists -> protobuf InsertRequests of 100,000 rows, or the largest
# batch under 64 MiB at dim 768, one unary Insert at a time; Debian python3-grpcio, python3-protobuf and protoc), and
# the pre-encoded request replay (MilvusDm.InsertReplay: milvusdm's request size and in-flight count, every request
# encoded before timing), which shows what the server can absorb.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
ROWS128=1000000
ROWS768=170000
REPS=3
SCRATCH=${MILVUSDM_BENCH_DIR:-/tmp/milvusdm-bench}
BUILD=1
SCALE4=0
PROFILE=1
DOC=$REPO/docs/benchmarks.md
ARGS="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --rows128) ROWS128=$2; shift 2 ;;
    --rows768) ROWS768=$2; shift 2 ;;
    --reps) REPS=$2; shift 2 ;;
    --scratch) SCRATCH=$2; shift 2 ;;
    --skip-build) BUILD=0; shift ;;
    --scale4) SCALE4=1; shift ;;
    --no-profile) PROFILE=0; shift ;;
    --doc) DOC=$2; shift 2 ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$ROWS128" "$ROWS768" "$REPS"; do [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "--rows128, --rows768 and --reps take positive integers" >&2; exit 2; }; done
SCRATCH=$(mkdir -p "$SCRATCH" && cd "$SCRATCH" && pwd)
case "$SCRATCH/" in "$REPO"/*) echo "--scratch must be outside the repository ($REPO)" >&2; exit 2 ;; esac

PY=/usr/bin/python3   # Debian's interpreter: the one that sees python3-faiss and python3-h5py
SCRIPTS=$REPO/benchmarks/scripts
SEED=42
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- 1. What the benchmark needs -----------------------------------------------------------------------------------
bash "$REPO/eng/install-test-deps.sh"
# The original-style baseline: Debian's grpcio and protobuf for /usr/bin/python3, and Debian's protoc (the one inside
# Grpc.Tools emits code for a newer Python protobuf runtime than Debian's).
missing=""
[ -x /usr/bin/time ] || missing="$missing time"
$PY -c 'import grpc' 2>/dev/null || missing="$missing python3-grpcio"
$PY -c 'import google.protobuf' 2>/dev/null || missing="$missing python3-protobuf"
[ -x /usr/bin/protoc ] || missing="$missing protobuf-compiler"
if [ -n "$missing" ]; then
  log "installing$missing"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
TOOL=$REPO/src/Tool/bin/Release/net10.0/milvusdm.dll
SERVER=$REPO/tests/MilvusDm.Milvus.TestServer/bin/Release/net10.0/MilvusDm.Milvus.TestServer.dll
REPLAY=$REPO/benchmarks/MilvusDm.InsertReplay/bin/Release/net10.0/MilvusDm.InsertReplay.dll
if [ "$BUILD" = 1 ]; then
  log "building the tool, the test server and the replay client (Release)"
  dotnet build "$REPO/src/Tool" -c Release -nologo -v q >&2
  dotnet build "$REPO/tests/MilvusDm.Milvus.TestServer" -c Release -nologo -v q >&2
  dotnet build "$REPO/benchmarks/MilvusDm.InsertReplay" -c Release -nologo -v q >&2
fi
[ -f "$TOOL" ] && [ -f "$SERVER" ] && [ -f "$REPLAY" ] || { echo "build first: dotnet build -c Release src/Tool, tests/MilvusDm.Milvus.TestServer and benchmarks/MilvusDm.InsertReplay" >&2; exit 1; }

# --- 2. Data: the same standard-normal rows written by real Faiss (IndexFlatL2, no ids) and real h5py (ids 0..n-1) ---
DATA=$SCRATCH/data
RUN=$SCRATCH/milvus-$(date +%Y%m%d-%H%M%S)
mkdir -p "$DATA" "$RUN/jobs" "$RUN/raw" "$RUN/state"
generate() { # script kind rows dim extension -> path (reused when its description matches)
  local file="$DATA/$2-$3x$4.$5" json="$DATA/$2-$3x$4.json"
  if [ -s "$file" ] && [ -s "$json" ] \
     && $PY -c 'import json,os,sys; m=json.load(open(sys.argv[1])); sys.exit(0 if m["rows"]==int(sys.argv[2]) and m["dim"]==int(sys.argv[3]) and m.get("seed")==int(sys.argv[4]) and m["file_bytes"]==os.path.getsize(sys.argv[5]) else 1)' \
          "$json" "$3" "$4" "$SEED" "$file"; then
    log "reusing $file"
  else
    log "generating $file with $1 ($3 x $4 float32)"
    $PY "$SCRIPTS/$1" "$2" "$file" "$3" "$4" "$SEED" > "$json.tmp"
    mv "$json.tmp" "$json"
  fi
  echo "$file"
}
declare -A SOURCE
SOURCE[f2m-128]=$(generate generate.py flat "$ROWS128" 128 index)
SOURCE[h2m-128]=$(generate generate_hdf5.py contiguous "$ROWS128" 128 h5)
SOURCE[f2m-768]=$(generate generate.py flat "$ROWS768" 768 index)
SOURCE[h2m-768]=$(generate generate_hdf5.py contiguous "$ROWS768" 768 h5)
# 1,000 rows: what a job costs besides moving rows (start-up, plugin loading, connection, flush, index, count check).
SOURCE[tiny-128]=$(generate generate.py flat 1000 128 index)
DATASETS="f2m-128 h2m-128 f2m-768 h2m-768 tiny-128"
if [ "$SCALE4" = 1 ]; then
  SOURCE[f2m-128x4]=$(generate generate.py flat $((ROWS128 * 4)) 128 index)
  DATASETS="$DATASETS f2m-128x4"
fi

# The baseline's message classes, from the project's own .proto files (never committed: generated per run).
mkdir -p "$RUN/pyproto"
/usr/bin/protoc -I "$REPO/src/Plugins/Milvus/Protos" --python_out="$RUN/pyproto" \
  "$REPO/src/Plugins/Milvus/Protos/common.proto" "$REPO/src/Plugins/Milvus/Protos/schema.proto" "$REPO/src/Plugins/Milvus/Protos/milvus.proto"

# What the destination must hold: the source's digest (ids 0..n-1: Faiss ordinals, or the HDF5 ids dataset).
for dataset in $DATASETS; do
  dotnet "$TOOL" inspect "${SOURCE[$dataset]}" --json > "$RUN/raw/inspect-$dataset.json"
done

# --- 3. Measurements ------------------------------------------------------------------------------------------------
RESULTS=$RUN/results.tsv
printf 'dataset\tconfig\trep\twall_s\tuser_s\tsys_s\tmax_rss_kb\texit\tserver_user_s\tserver_sys_s\tserver_rss_kb\tserver_rows\tserver_digest\tprefix\n' > "$RESULTS"
for dataset in $DATASETS; do
  case "$dataset" in
    f2m-*|tiny-*) source="  plugin: faiss\n  path: ${SOURCE[$dataset]}" ;;
    h2m-*) source="  plugin: hdf5\n  paths: [${SOURCE[$dataset]}]" ;;
  esac
  printf "source:\n$source\nsink:\n  plugin: milvus\n  uri: http://127.0.0.1:PORT\n  collection: bench\n  mode: overwrite\nverify: count\n" > "$RUN/jobs/$dataset.yaml"
done

free_port() { $PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
sets_for() { # config -> --set arguments
  case "$1" in
    default) ;;
    inflight1) echo "--set batch.in_flight=1" ;;
    serial) echo "--set batch.in_flight=1 --set sink.in_flight=1" ;;
  esac
}
dim_of() { case "$1" in *-768*) echo 768 ;; *) echo 128 ;; esac; }
client_command() { # dataset config port -> the measured client command line
  local dataset=$1 config=$2 port=$3 out=$RUN/raw/$1-$2-$4
  case "$config" in
    original)
      local kind=faiss
      case "$dataset" in h2m-*) kind=hdf5 ;; esac
      echo "$PY $SCRIPTS/original_pipeline.py $kind ${SOURCE[$dataset]} --target 127.0.0.1:$port --proto-dir $RUN/pyproto" ;;
    replay) # milvusdm's requests: one 4 MiB batch (batch.bytes) each, 3 in flight (sink.in_flight)
      echo "dotnet $REPLAY --uri http://127.0.0.1:$port --index ${SOURCE[$dataset]} --request-rows $((4194304 / ($(dim_of "$dataset") * 4))) --in-flight 3" ;;
    *)
      echo "dotnet $TOOL run $RUN/jobs/$dataset.yaml --state-dir $RUN/state --restart --set sink.uri=http://127.0.0.1:$port $(sets_for "$config") --report $out.report.json" ;;
  esac
}

measure() { # dataset config rep [profile]: with profile, perf records the client and the server instead of time -v
  local dataset=$1 config=$2 rep=$3 out port server status started ended wrap server_wrap perfmap=0
  out=$RUN/raw/$dataset-$config-$rep
  port=$(free_port)
  wrap="/usr/bin/time -v -o $out.time"
  server_wrap="/usr/bin/time -v -o $out.server.time"
  if [ "${4:-}" = profile ]; then
    wrap="perf record -F 999 -o $out.perf.data --"
    server_wrap="perf record -F 999 -o $out.server.perf.data --"
    perfmap=1
  fi
  # In profile mode W^X is off so perf can attribute JIT code through the perf map (as benchmarks/run.sh does).
  local wxorx=$((1 - perfmap))
  # shellcheck disable=SC2086
  DOTNET_PerfMapEnabled=$perfmap DOTNET_EnableWriteXorExecute=$wxorx $server_wrap dotnet "$SERVER" --port "$port" --count-only > "$out.server.out" 2> "$out.server.err" &
  server=$!
  for _ in $(seq 1 300); do grep -q '^listening on' "$out.server.out" 2>/dev/null && break; sleep 0.1; done
  grep -q '^listening on' "$out.server.out" || { log "the test server did not start: $out.server.err"; kill "$server" 2>/dev/null; return 1; }
  started=$EPOCHREALTIME
  set +e
  # shellcheck disable=SC2046
  DOTNET_PerfMapEnabled=$perfmap DOTNET_EnableWriteXorExecute=$wxorx $wrap $(client_command "$dataset" "$config" "$port" "$rep") > "$out.out" 2> "$out.err"
  status=$?
  set -e
  ended=$EPOCHREALTIME
  # GNU time (or perf) is the parent of the server's dotnet process: signal that process (by its id), then wait for both.
  local child
  child=$(ps -o pid= --ppid "$server" | tr -d ' ')
  [ -n "$child" ] && kill -TERM "$child" 2>/dev/null
  wait "$server" || true
  if [ "${4:-}" = profile ]; then
    [ "$status" = 0 ] || log "FAILED ($status): the profiled run, see $out.err"
    return 0
  fi
  $PY "$SCRIPTS/parse_milvus.py" "$out" "$dataset" "$config" "$rep" "$status" "$started" "$ended" >> "$RESULTS"
  [ "$status" = 0 ] || log "FAILED ($status): $dataset $config rep $rep, see $out.err"
  tail -n 1 "$RESULTS" | awk -F'\t' '{ printf "[bench] %-8s %-9s rep %s: %6.2f s, client peak RSS %6.1f MiB, server CPU %5.1f s, %s rows\n", $1, $2, $3, $4, $7/1024, $9+$10, $12 }' >&2
}

cpu_snapshot() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8; print busy, busy + $5 + $6 + $9, $9 }' /proc/stat; }
read -r BUSY0 ALL0 STEAL0 < <(cpu_snapshot)
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
START=$(date +%s.%N)
for dataset in $DATASETS; do
  log "$dataset: ${SOURCE[$dataset]} (page cache warmed)"
  cat "${SOURCE[$dataset]}" > /dev/null
  case "$dataset" in
    tiny-128) configs=default ;;
    f2m-128x4) configs="default replay" ;;
    f2m-*) configs="default inflight1 serial original replay" ;;
    *) configs="default inflight1 serial original" ;;
  esac
  for rep in $(seq 1 "$REPS"); do
    for config in $configs; do measure "$dataset" "$config" "$rep"; done
  done
done
END=$(date +%s.%N)
read -r BUSY1 ALL1 STEAL1 < <(cpu_snapshot)
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)

# Where the time goes: one extra F2M dim-128 run with the defaults, client and server each under perf record (JIT
# code named through the runtime's perf map; the maps are removed afterwards).
PERF=no
if [ "$PROFILE" = 1 ] && command -v perf >/dev/null && perf stat -e task-clock true >/dev/null 2>&1; then
  PERF=yes
  log "profiling one F2M dim-128 run (perf record, client and server)"
  measure f2m-128 default profile profile || true
  for side in "" .server; do
    data=$RUN/raw/f2m-128-default-profile$side.perf.data
    perf report -i "$data" --no-children --sort dso,sym --stdio > "$RUN/raw/profile-f2m-128$side.txt" 2>/dev/null || true
    perf report -i "$data" --no-children --sort comm,dso --stdio > "$RUN/raw/profile-f2m-128$side-threads.txt" 2>/dev/null || true
    for pid in $(perf script -i "$data" -F pid 2>/dev/null | sort -u | tr -d ' '); do rm -f "/tmp/perf-$pid.map"; done
    rm -f "$data"
  done
fi

# --- 4. Report ------------------------------------------------------------------------------------------------------
cat > "$RUN/context.json" <<EOF
{
  "args": "${ARGS:-(no arguments)}", "reps": $REPS, "seed": $SEED, "run": "$RUN",
  "sources": { $(for d in $DATASETS; do printf '"%s": "%s", ' "$d" "${SOURCE[$d]}"; done | sed 's/, $//') },
  "tool_command": "dotnet $TOOL run JOB.yaml --state-dir STATE --restart --set sink.uri=http://127.0.0.1:PORT [--set ...]",
  "original_command": "$PY $SCRIPTS/original_pipeline.py faiss|hdf5 SOURCE --target 127.0.0.1:PORT --proto-dir $RUN/pyproto",
  "replay_command": "dotnet $REPLAY --uri http://127.0.0.1:PORT --index SOURCE --request-rows 8192|1365 --in-flight 3",
  "protoc": "$(/usr/bin/protoc --version)", "python_grpc": "$($PY -c 'import grpc; print(grpc.__version__)')",
  "python_protobuf": "$($PY -c 'import google.protobuf as p; from google.protobuf.internal import api_implementation as a; print(p.__version__, a.Type())')",
  "scale4": $SCALE4, "rows128": $ROWS128, "perf": "$PERF",
  "server_command": "dotnet $SERVER --port PORT --count-only",
  "cpu_busy_jiffies": $((BUSY1 - BUSY0)), "cpu_all_jiffies": $((ALL1 - ALL0)), "cpu_steal_jiffies": $((STEAL1 - STEAL0)),
  "measure_start": $START, "measure_end": $END, "loadavg_start": "$LOAD0", "loadavg_end": "$LOAD1",
  "dotnet_sdk": "$(dotnet --version)",
  "git_commit": "$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
}
EOF
$PY "$SCRIPTS/report_milvus.py" "$RUN" "$DOC"
log "raw results: $RUN; report: $DOC"
