#!/usr/bin/env bash
# Milvus 0.10/1.x storage folder benchmark: milvusdm reading a ~1 GB collection straight from its segment files (to
# the discard sink, with inspect's digest, and exported to HDF5 = M2H) vs numpy + h5py doing the same from the same
# files. Peak memory of every run (issue 6: under 200 MB for a 1 GB collection). Writes the "Milvus 1.x storage
# folder" part of docs/benchmarks.md.
#
#   benchmarks/legacy.sh [--rows N] [--reps N] [--scratch DIR] [--skip-build] [--doc FILE]
#
#   --rows N      rows of the collection (dim 128 float32). Default 2,000,000 (1.02 GB of vectors, 16 MB of ids).
#   --reps N      repetitions of every measurement (the doc reports the median). Default 3.
#   --scratch DIR the storage folder, job files and raw results (never inside the repo). Default /tmp/milvusdm-bench,
#                 or $MILVUSDM_BENCH_DIR; a folder already there with the same rows is reused.
#   --skip-build  use the tool already built in src/Tool/bin/Release.
#   --doc FILE    where to write the report. Default docs/benchmarks.md (only its legacy part is rewritten).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
ROWS=2000000
DIM=128
REPS=3
SCRATCH=${MILVUSDM_BENCH_DIR:-/tmp/milvusdm-bench}
BUILD=1
DOC=$REPO/docs/benchmarks.md
ARGS="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS=$2; shift 2 ;;
    --reps) REPS=$2; shift 2 ;;
    --scratch) SCRATCH=$2; shift 2 ;;
    --skip-build) BUILD=0; shift ;;
    --doc) DOC=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$ROWS" "$REPS"; do [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "--rows and --reps take positive integers" >&2; exit 2; }; done
SCRATCH=$(mkdir -p "$SCRATCH" && cd "$SCRATCH" && pwd)
case "$SCRATCH/" in "$REPO"/*) echo "--scratch must be outside the repository ($REPO)" >&2; exit 2 ;; esac

PY=/usr/bin/python3   # Debian's interpreter: the one that sees python3-numpy and python3-h5py
SCRIPTS=$REPO/benchmarks/scripts
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- 1. What the benchmark needs -----------------------------------------------------------------------------------
bash "$REPO/eng/install-test-deps.sh"
if [ ! -x /usr/bin/time ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq time >/dev/null
fi
TOOL=$REPO/src/Tool/bin/Release/net10.0/milvusdm.dll
if [ "$BUILD" = 1 ]; then
  log "building the tool (Release)"
  dotnet build "$REPO/src/Tool" -c Release -nologo -v q >&2
fi
[ -f "$TOOL" ] || { echo "$TOOL is missing (build with: dotnet build src/Tool -c Release)" >&2; exit 1; }

# --- 2. Data: one collection written by the project's fixture builder (synthetic, Milvus 1.x layout) ----------------
FOLDER=$SCRATCH/data/legacy-${ROWS}x${DIM}
if [ -s "$FOLDER/truth.json" ] && $PY -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))["physical_rows"]==int(sys.argv[2]) else 1)' "$FOLDER/truth.json" "$ROWS"; then
  log "reusing $FOLDER"
else
  log "generating $FOLDER ($ROWS x $DIM float32 in 128 MiB segments, three deletions each)"
  rm -rf "$FOLDER"
  mkdir -p "$FOLDER"
  $PY "$REPO/tests/TestData/milvus-legacy/make_fixtures.py" --large "$ROWS" "$DIM" "$FOLDER" > /dev/null 2> "$SCRATCH/legacy-generate.log"
fi
RUN=$SCRATCH/legacy-$(date +%Y%m%d-%H%M%S)
mkdir -p "$RUN/jobs" "$RUN/raw" "$RUN/out"
# Opening meta.sqlite creates -wal/-shm files beside it: every run reads the same folder, so they are shared.
printf 'source:\n  plugin: milvus-legacy\n  path: %s\n  collections: {bench_coll: []}\nsink:\n  plugin: discard\nverify: none\n' "$FOLDER" > "$RUN/jobs/read.yaml"
printf 'source:\n  plugin: milvus-legacy\n  path: %s\n  collections: {bench_coll: []}\nsink:\n  plugin: hdf5\n  dir: %s\n  mode: overwrite\nverify: none\n' "$FOLDER" "$RUN/out/milvusdm" > "$RUN/jobs/export.yaml"

command_for() { # tool -> the command line measured
  case "$1" in
    milvusdm-run) echo "dotnet $TOOL run $RUN/jobs/read.yaml --state-dir $RUN/state --restart" ;;
    milvusdm-inspect) echo "dotnet $TOOL inspect $FOLDER --json" ;;
    milvusdm-export) echo "dotnet $TOOL run $RUN/jobs/export.yaml --state-dir $RUN/state --restart" ;;
    numpy-read) echo "$PY $SCRIPTS/reference_legacy.py read $FOLDER bench_coll $DIM" ;;
    numpy-h5py-export) echo "$PY $SCRIPTS/reference_legacy.py export $FOLDER bench_coll $DIM $RUN/out/reference.h5" ;;
  esac
}

RESULTS=$RUN/results.tsv
printf 'dataset\tcache\ttool\trep\twall_s\tuser_s\tsys_s\tmax_rss_kb\texit\tfile\n' > "$RESULTS"
measure() { # tool rep
  local tool=$1 rep=$2 out status started ended
  out=$RUN/raw/$tool-$rep
  started=$EPOCHREALTIME
  set +e
  # shellcheck disable=SC2046
  /usr/bin/time -v -o "$out.time" $(command_for "$tool") > "$out.out" 2> "$out.err"
  status=$?
  set -e
  ended=$EPOCHREALTIME
  $PY "$SCRIPTS/parse_time.py" "$out.time" legacy warm "$tool" "$rep" "$status" "$out" "$started" "$ended" >> "$RESULTS"
  [ "$status" = 0 ] || log "FAILED ($status): $tool rep $rep, see $out.err"
  tail -n 1 "$RESULTS" | awk -F'\t' '{ printf "[bench] %-18s rep %s: %6.2f s, peak RSS %6.1f MiB\n", $3, $4, $5, $8/1024 }' >&2
}

cpu_snapshot() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8; print busy, busy + $5 + $6 + $9 }' /proc/stat; }
TOOLS="milvusdm-run milvusdm-inspect numpy-read milvusdm-export numpy-h5py-export"
log "warming the page cache with the segment files"
cat "$FOLDER"/db/tables/bench_coll/*/* > /dev/null
read -r BUSY0 ALL0 < <(cpu_snapshot)
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
START=$(date +%s.%N)
for rep in $(seq 1 "$REPS"); do   # interleaved, so every tool sees the same conditions
  for tool in $TOOLS; do measure "$tool" "$rep"; done
done
END=$(date +%s.%N)
read -r BUSY1 ALL1 < <(cpu_snapshot)
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)

# Correctness, outside the timings: inspect's digest of the folder and of milvusdm's export equal the builder's.
dotnet "$TOOL" inspect "$RUN/out/milvusdm/bench_coll/_default.h5" --json > "$RUN/raw/export-inspect.json" 2> "$RUN/raw/export-inspect.err" || true
dotnet "$TOOL" inspect "$RUN/out/reference.h5" --json > "$RUN/raw/reference-inspect.json" 2> "$RUN/raw/reference-inspect.err" || true

cat > "$RUN/context.json" <<EOF
{
  "args": "${ARGS:-(no arguments)}", "reps": $REPS, "rows": $ROWS, "dim": $DIM, "folder": "$FOLDER", "run": "$RUN",
  "commands": { $(for t in $TOOLS; do printf '"%s": "%s", ' "$t" "$(command_for "$t")"; done | sed 's/, $//') },
  "folder_bytes": $(du -sb "$FOLDER/db" | cut -f1),
  "cpu_busy_jiffies": $((BUSY1 - BUSY0)), "cpu_all_jiffies": $((ALL1 - ALL0)),
  "measure_start": $START, "measure_end": $END, "loadavg_start": "$LOAD0", "loadavg_end": "$LOAD1",
  "dotnet_sdk": "$(dotnet --version)",
  "git_commit": "$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
}
EOF
$PY "$SCRIPTS/report_legacy.py" "$RUN" "$DOC"
log "raw results: $RUN; report: $DOC"
