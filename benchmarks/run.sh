#!/usr/bin/env bash
# End-to-end read benchmark: milvusdm reading real Faiss index files vs Faiss itself, on the same files, in one run.
# Regenerates docs/benchmarks.md. See benchmarks/README.md.
#
#   benchmarks/run.sh [--scale N] [--reps N] [--scratch DIR] [--no-cold] [--skip-build] [--doc FILE]
#
#   --scale N     rows = N x 2,000,000 (dim 128, float32: about N GB per index). Default 1; --scale 4 writes ~8 GB.
#   --reps N      repetitions of every measurement (the doc reports the median). Default 3.
#   --scratch DIR generated indexes, job files and raw results (never inside the repo). Default /tmp/milvusdm-bench,
#                 or $MILVUSDM_BENCH_DIR. Indexes already there (same rows, dim and seed) are reused.
#   --no-cold     skip the cold-cache pass (by default it runs when /proc/sys/vm/drop_caches is writable).
#   --skip-build  use the tool already built in src/Tool/bin/Release.
#   --doc FILE    where to write the report. Default docs/benchmarks.md.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
SCALE=1
REPS=3
SCRATCH=${MILVUSDM_BENCH_DIR:-/tmp/milvusdm-bench}
COLD=auto
BUILD=1
DOC=$REPO/docs/benchmarks.md
ARGS="$*"

while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE=$2; shift 2 ;;
    --reps) REPS=$2; shift 2 ;;
    --scratch) SCRATCH=$2; shift 2 ;;
    --no-cold) COLD=no; shift ;;
    --skip-build) BUILD=0; shift ;;
    --doc) DOC=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$SCALE" =~ ^[1-9][0-9]*$ && "$REPS" =~ ^[1-9][0-9]*$ ]] || { echo "--scale and --reps take positive integers" >&2; exit 2; }
SCRATCH=$(mkdir -p "$SCRATCH" && cd "$SCRATCH" && pwd)
case "$SCRATCH/" in "$REPO"/*) echo "--scratch must be outside the repository ($REPO)" >&2; exit 2 ;; esac
case "$SCRATCH$REPO" in *[[:space:]]*) echo "the scratch and repository paths must not contain spaces" >&2; exit 2 ;; esac

PY=/usr/bin/python3   # Debian's interpreter: the one that sees python3-faiss (another python3 may come first on PATH)
SCRIPTS=$REPO/benchmarks/scripts
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- 1. What the benchmark needs -----------------------------------------------------------------------------------
bash "$REPO/eng/install-test-deps.sh"
if [ ! -x /usr/bin/time ]; then
  log "installing GNU time (peak memory)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq time >/dev/null
fi
command -v dotnet >/dev/null || { echo "the .NET SDK (global.json) is needed: https://dot.net" >&2; exit 1; }

TOOL=$REPO/src/Tool/bin/Release/net10.0/milvusdm.dll
if [ "$BUILD" = 1 ]; then
  log "building the tool (Release)"
  dotnet build "$REPO/src/Tool" -c Release -nologo -v q >&2
fi
[ -f "$TOOL" ] || { echo "$TOOL is missing (build with: dotnet build src/Tool -c Release)" >&2; exit 1; }

if [ "$COLD" = auto ]; then
  if sync && (echo 3 > /proc/sys/vm/drop_caches) 2>/dev/null; then COLD=yes; else COLD=no; log "cannot drop the page cache: warm runs only"; fi
fi

# --- 2. Data, written by real Faiss ---------------------------------------------------------------------------------
ROWS=$((2000000 * SCALE))
DIM=128
SEED=42
DATA=$SCRATCH/data
RUN=$SCRATCH/run-$(date +%Y%m%d-%H%M%S)
mkdir -p "$DATA" "$RUN/jobs" "$RUN/raw"

generate() { # kind -> path of the index (reused when its description matches)
  local kind=$1 base="$DATA/$1-${ROWS}x${DIM}"
  if [ -s "$base.index" ] && [ -s "$base.json" ] \
     && $PY -c 'import json,os,sys; m=json.load(open(sys.argv[1])); sys.exit(0 if m["rows"]==int(sys.argv[2]) and m["dim"]==int(sys.argv[3]) and m.get("seed")==int(sys.argv[4]) and m["file_bytes"]==os.path.getsize(sys.argv[5]) else 1)' \
          "$base.json" "$ROWS" "$DIM" "$SEED" "$base.index"; then
    log "reusing $base.index"
  else
    log "generating $base.index with Faiss ($ROWS x $DIM float32)"
    $PY "$SCRIPTS/generate.py" "$kind" "$base.index" "$ROWS" "$DIM" "$SEED" > "$base.json.tmp"
    mv "$base.json.tmp" "$base.json"
  fi
  echo "$base.index"
}
FLAT=$(generate flat)
IVF=$(generate ivf)
TINY=$DATA/flat-1000x${DIM}.index   # for the fixed cost of a read (start-up, plugin loading, JIT)
[ -s "$TINY" ] || $PY "$SCRIPTS/generate.py" flat "$TINY" 1000 "$DIM" "$SEED" > /dev/null

# --- 3. Measurements ------------------------------------------------------------------------------------------------
RESULTS=$RUN/results.tsv
printf 'dataset\tcache\ttool\trep\twall_s\tuser_s\tsys_s\tmax_rss_kb\texit\tfile\n' > "$RESULTS"

write_job() { # dataset path -> job file: read every row through the real pipeline into the discard sink, no digest
  local job=$RUN/jobs/$1.yaml
  printf 'source:\n  plugin: faiss\n  path: %s\nsink:\n  plugin: discard\nverify: none\n' "$2" > "$job"
  echo "$job"
}

command_for() { # tool dataset path -> the command line measured
  case "$1" in
    milvusdm-run) echo "dotnet $TOOL run $RUN/jobs/$2.yaml --state-dir $RUN/state" ;;
    milvusdm-inspect) echo "dotnet $TOOL inspect $3 --json" ;;
    faiss-reconstruct) echo "$PY $SCRIPTS/reference_read.py reconstruct $3" ;;
    faiss-invlists) echo "$PY $SCRIPTS/reference_read.py invlists $3" ;;
  esac
}

measure() { # dataset cache tool rep path
  local dataset=$1 cache=$2 tool=$3 rep=$4 path=$5 out status
  out=$RUN/raw/$dataset-$cache-$tool-$rep
  [ "$cache" = cold ] && { sync; echo 3 > /proc/sys/vm/drop_caches; }
  local started=$EPOCHREALTIME
  set +e
  # shellcheck disable=SC2046
  /usr/bin/time -v -o "$out.time" $(command_for "$tool" "$dataset" "$path") > "$out.out" 2> "$out.err"
  status=$?
  set -e
  local ended=$EPOCHREALTIME
  $PY "$SCRIPTS/parse_time.py" "$out.time" "$dataset" "$cache" "$tool" "$rep" "$status" "$out" "$started" "$ended" >> "$RESULTS"
  [ "$status" = 0 ] || log "FAILED ($status): $dataset $cache $tool rep $rep, see $out.err"
  tail -n 1 "$RESULTS" | awk -F'\t' '{ printf "[bench] %-5s %-4s %-18s rep %s: %6.2f s, peak RSS %6.1f MiB\n", $1, $2, $3, $4, $5, $8/1024 }' >&2
}

TOOLS_flat="milvusdm-run milvusdm-inspect faiss-reconstruct"
TOOLS_ivf="milvusdm-run milvusdm-inspect faiss-reconstruct faiss-invlists"
write_job flat "$FLAT" >/dev/null
write_job ivf "$IVF" >/dev/null

# Fixed costs, so their share inside the wall times is known: process start-up alone, and a whole read of a
# 1,000-row flat index (start-up + plugin loading + JIT of the pipeline; import faiss + read).
write_job tiny "$TINY" >/dev/null
fixed() { # name rep command...
  local name=$1 rep=$2 started ended; shift 2
  started=$EPOCHREALTIME
  /usr/bin/time -v -o "$RUN/raw/startup-$name-$rep.time" "$@" > /dev/null 2>&1 || log "FAILED: $*"
  ended=$EPOCHREALTIME
  $PY "$SCRIPTS/parse_time.py" "$RUN/raw/startup-$name-$rep.time" startup warm "$name" "$rep" 0 "" "$started" "$ended" >> "$RESULTS"
}
for rep in $(seq 1 "$REPS"); do
  fixed milvusdm-startup "$rep" dotnet "$TOOL" --version
  fixed faiss-import "$rep" $PY -c 'import faiss'
  # shellcheck disable=SC2046
  fixed milvusdm-run-tiny "$rep" $(command_for milvusdm-run tiny "$TINY")
  # shellcheck disable=SC2046
  fixed faiss-reconstruct-tiny "$rep" $(command_for faiss-reconstruct tiny "$TINY")
done

# /proc/stat cpu line: user nice system idle iowait irq softirq steal (jiffies). Steal = time the hypervisor gave
# this virtual machine's CPUs to someone else.
cpu_snapshot() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8; print busy, busy + $5 + $6 + $9, $9 }' /proc/stat; }
read -r BUSY0 ALL0 STEAL0 < <(cpu_snapshot)
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
START=$(date +%s.%N)

for dataset in flat ivf; do
  path=$FLAT; tools=$TOOLS_flat
  [ "$dataset" = ivf ] && { path=$IVF; tools=$TOOLS_ivf; }
  log "$dataset: warm page cache (file read once before the first run; every tool reads it warm)"
  cat "$path" > /dev/null
  for rep in $(seq 1 "$REPS"); do
    for tool in $tools; do measure "$dataset" warm "$tool" "$rep" "$path"; done
  done
  if [ "$COLD" = yes ]; then
    log "$dataset: cold page cache (sync; echo 3 > /proc/sys/vm/drop_caches before every run)"
    for rep in $(seq 1 "$REPS"); do
      for tool in $tools; do measure "$dataset" cold "$tool" "$rep" "$path"; done
    done
  fi
done

END=$(date +%s.%N)
read -r BUSY1 ALL1 STEAL1 < <(cpu_snapshot)
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)

# Counters (perf stat) and a sampling profile (perf record) of one extra warm run of each tool on the flat index,
# when perf works here (it often does not in containers). JIT-compiled .NET code is named through the runtime's perf
# map (/tmp/perf-PID.map, removed afterwards); W^X is turned off for that run only so perf can attribute JIT code.
PERF=no
if command -v perf >/dev/null && perf stat -e task-clock true >/dev/null 2>&1; then
  PERF=yes
  cat "$FLAT" > /dev/null
  for tool in milvusdm-run milvusdm-inspect faiss-reconstruct; do
    # shellcheck disable=SC2046
    perf stat -o "$RUN/raw/perf-flat-$tool.txt" $(command_for "$tool" flat "$FLAT") > /dev/null 2>&1 || true
  done
  for tool in milvusdm-run milvusdm-inspect; do
    data=$RUN/raw/perf-flat-$tool.data
    # shellcheck disable=SC2046
    DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -F 999 -o "$data" \
      $(command_for "$tool" flat "$FLAT") > /dev/null 2>&1 || true
    perf report -i "$data" --no-children --sort dso,sym --stdio > "$RUN/raw/profile-flat-$tool.txt" 2>/dev/null || true
    perf report -i "$data" --no-children --sort comm,dso --stdio > "$RUN/raw/profile-flat-$tool-threads.txt" 2>/dev/null || true
    pid=$(perf script -i "$data" -F pid 2>/dev/null | head -n 1 | tr -d ' ' || true)
    [ -n "$pid" ] && rm -f "/tmp/perf-$pid.map"
  done
fi

# --- 4. Report ------------------------------------------------------------------------------------------------------
cat > "$RUN/context.json" <<EOF
{
  "args": "${ARGS:-(no arguments)}",
  "scale": $SCALE, "reps": $REPS, "rows": $ROWS, "dim": $DIM, "seed": $SEED,
  "scratch": "$SCRATCH", "run": "$RUN", "cold": "$COLD", "perf": "$PERF",
  "flat": "$FLAT", "ivf": "$IVF",
  "flat_job": "$RUN/jobs/flat.yaml", "ivf_job": "$RUN/jobs/ivf.yaml",
  "commands": {
    "milvusdm-run": "$(command_for milvusdm-run '{dataset}' '{index}')",
    "milvusdm-inspect": "$(command_for milvusdm-inspect '{dataset}' '{index}')",
    "faiss-reconstruct": "$(command_for faiss-reconstruct '{dataset}' '{index}')",
    "faiss-invlists": "$(command_for faiss-invlists '{dataset}' '{index}')"
  },
  "cpu_busy_jiffies": $((BUSY1 - BUSY0)), "cpu_all_jiffies": $((ALL1 - ALL0)), "cpu_steal_jiffies": $((STEAL1 - STEAL0)), "clk_tck": $(getconf CLK_TCK),
  "measure_start": $START, "measure_end": $END, "loadavg_start": "$LOAD0", "loadavg_end": "$LOAD1",
  "dotnet_sdk": "$(dotnet --version)",
  "dotnet_runtime": "$(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }')",
  "git_commit": "$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
}
EOF
$PY "$SCRIPTS/report.py" "$RUN" "$DOC"
log "raw results: $RUN; report: $DOC"
