#!/usr/bin/env bash
# End-to-end benchmarks on the same files, in one run: milvusdm reading real Faiss index files vs Faiss itself, and
# milvusdm reading and writing HDF5 files vs h5py; with --suite all also the Milvus, Milvus 1.x folder and kill suites
# (their own scripts). Regenerates docs/benchmarks.md. See benchmarks/README.md.
#
#   benchmarks/run.sh [--suite S] [--scale N] [--reps N] [--scratch DIR] [--no-cold] [--skip-build] [--doc FILE]
#
#   --suite S     all (default), or one or more of faiss, hdf5, milvus, legacy, kill (comma-separated). faiss and
#                 hdf5 run here; milvus (benchmarks/milvus.sh: F2M/H2M into the test server vs the original-style
#                 pipeline and a pre-encoded replay, 1x and 4x), legacy (benchmarks/legacy.sh: a Milvus 1.x folder)
#                 and kill (benchmarks/kill.sh: the kill suite at scale) run their own scripts afterwards with the
#                 same --reps, --scratch and --doc. A suite not run keeps its part of the existing report as it was.
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
SUITE=all
ARGS="$*"

while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE=$2; shift 2 ;;
    --reps) REPS=$2; shift 2 ;;
    --scratch) SCRATCH=$2; shift 2 ;;
    --no-cold) COLD=no; shift ;;
    --skip-build) BUILD=0; shift ;;
    --doc) DOC=$2; shift 2 ;;
    --suite) SUITE=$2; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$SCALE" =~ ^[1-9][0-9]*$ && "$REPS" =~ ^[1-9][0-9]*$ ]] || { echo "--scale and --reps take positive integers" >&2; exit 2; }
if [ "$SUITE" = all ]; then SUITES="faiss hdf5 milvus legacy kill"; else SUITES=${SUITE//,/ }; fi
for s in $SUITES; do
  case "$s" in faiss|hdf5|milvus|legacy|kill) ;; *) echo "--suite takes all, or faiss, hdf5, milvus, legacy, kill (comma-separated)" >&2; exit 2 ;; esac
done
suite() { case " $SUITES " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
other_suites() { # the suites with scripts of their own, after this script's part (each rewrites only its own part)
  local others=() 
  suite milvus && others+=("$REPO/benchmarks/milvus.sh --reps $REPS --scratch $SCRATCH --doc $DOC --scale4")
  suite legacy && others+=("$REPO/benchmarks/legacy.sh --rows $((2000000 * SCALE)) --reps $REPS --scratch $SCRATCH --doc $DOC")
  suite kill && others+=("$REPO/benchmarks/kill.sh --rows $((2000000 * SCALE)) --scratch $SCRATCH --doc $DOC")
  local command
  for command in "${others[@]}"; do
    log "running: $command"
    # shellcheck disable=SC2086
    bash $command
  done
}
SCRATCH=$(mkdir -p "$SCRATCH" && cd "$SCRATCH" && pwd)
case "$SCRATCH/" in "$REPO"/*) echo "--scratch must be outside the repository ($REPO)" >&2; exit 2 ;; esac
case "$SCRATCH$REPO" in *[[:space:]]*) echo "the scratch and repository paths must not contain spaces" >&2; exit 2 ;; esac

PY=/usr/bin/python3   # Debian's interpreter: the one that sees python3-faiss and python3-h5py (another python3 may come first on PATH)
SCRIPTS=$REPO/benchmarks/scripts
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
if ! suite faiss && ! suite hdf5; then
  other_suites
  exit 0
fi

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

# --- 2. Data, written by real Faiss and real h5py --------------------------------------------------------------------
ROWS=$((2000000 * SCALE))
DIM=128
SEED=42
DATA=$SCRATCH/data
RUN=$SCRATCH/run-$(date +%Y%m%d-%H%M%S)
mkdir -p "$DATA" "$RUN/jobs" "$RUN/raw"

generate() { # kind extension -> path of the file (reused when its description matches). Indexes (extension
             # index) are written by real Faiss (generate.py), HDF5 files (h5) by real h5py (generate_hdf5.py).
  local kind=$1 file="$DATA/$1-${ROWS}x${DIM}.$2" json="$DATA/$1-${ROWS}x${DIM}.json" script=generate.py
  [ "$2" = h5 ] && script=generate_hdf5.py
  if [ -s "$file" ] && [ -s "$json" ] \
     && $PY -c 'import json,os,sys; m=json.load(open(sys.argv[1])); sys.exit(0 if m["rows"]==int(sys.argv[2]) and m["dim"]==int(sys.argv[3]) and m.get("seed")==int(sys.argv[4]) and m["file_bytes"]==os.path.getsize(sys.argv[5]) else 1)' \
          "$json" "$ROWS" "$DIM" "$SEED" "$file"; then
    log "reusing $file"
  else
    log "generating $file with $script ($ROWS x $DIM float32, $kind)"
    $PY "$SCRIPTS/$script" "$kind" "$file" "$ROWS" "$DIM" "$SEED" > "$json.tmp"
    mv "$json.tmp" "$json"
  fi
  echo "$file"
}
FLAT=$(generate flat index)   # the HDF5 suite writes it to HDF5 too
IVF=""
TINY=$DATA/flat-1000x${DIM}.index   # for the fixed cost of a read (start-up, plugin loading, JIT)
if suite faiss; then
  IVF=$(generate ivf index)
  [ -s "$TINY" ] || $PY "$SCRIPTS/generate.py" flat "$TINY" 1000 "$DIM" "$SEED" > /dev/null
fi

H5_CONTIGUOUS=""
H5_GZIP=""
if suite hdf5; then
  H5_CONTIGUOUS=$(generate contiguous h5)
  H5_GZIP=$(generate gzip h5)
fi

# --- 3. Measurements ------------------------------------------------------------------------------------------------
RESULTS=$RUN/results.tsv
printf 'dataset\tcache\ttool\trep\twall_s\tuser_s\tsys_s\tmax_rss_kb\texit\tfile\n' > "$RESULTS"

write_job() { # dataset path [plugin] -> job file: read every row through the real pipeline into the discard sink, no digest
  local job=$RUN/jobs/$1.yaml
  case "${3:-faiss}" in
    faiss) printf 'source:\n  plugin: faiss\n  path: %s\nsink:\n  plugin: discard\nverify: none\n' "$2" > "$job" ;;
    hdf5) printf 'source:\n  plugin: hdf5\n  paths: [%s]\nsink:\n  plugin: discard\nverify: none\n' "$2" > "$job" ;;
  esac
  echo "$job"
}

export_job() { # dataset path plugin -> job file: every row into the HDF5 sink (a file, its job and manifest.json)
  local job=$RUN/jobs/$1.yaml source
  case "$3" in
    faiss) source="  plugin: faiss\n  path: $2" ;;
    hdf5) source="  plugin: hdf5\n  paths: [$2]" ;;
  esac
  printf "source:\n$source\nsink:\n  plugin: hdf5\n  dir: %s\n  mode: overwrite\nverify: none\n" "$RUN/out/milvusdm-$1" > "$job"
  echo "$job"
}

command_for() { # tool dataset path -> the command line measured
  case "$1" in
    milvusdm-run) echo "dotnet $TOOL run $RUN/jobs/$2.yaml --state-dir $RUN/state" ;;
    milvusdm-inspect) echo "dotnet $TOOL inspect $3 --json" ;;
    faiss-reconstruct) echo "$PY $SCRIPTS/reference_read.py reconstruct $3" ;;
    faiss-invlists) echo "$PY $SCRIPTS/reference_read.py invlists $3" ;;
    milvusdm-export) echo "dotnet $TOOL run $RUN/jobs/$2.yaml --state-dir $RUN/state" ;;
    h5py-read) echo "$PY $SCRIPTS/reference_hdf5.py read $3" ;;
    h5py-copy) echo "$PY $SCRIPTS/reference_hdf5.py copy $3 $RUN/out/h5py-$2.h5" ;;
    faiss-h5py-copy) echo "$PY $SCRIPTS/reference_hdf5.py faiss-copy $3 $RUN/out/h5py-$2.h5" ;;
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
# HDF5: reading (h5-contiguous, h5-gzip) and writing (h5-export: HDF5 -> HDF5; faiss-export: Faiss flat -> HDF5).
TOOLS_h5_read="milvusdm-run milvusdm-inspect h5py-read"
mkdir -p "$RUN/out"
if suite faiss; then
  write_job flat "$FLAT" >/dev/null
  write_job ivf "$IVF" >/dev/null
fi
if suite hdf5; then
  write_job h5-contiguous "$H5_CONTIGUOUS" hdf5 >/dev/null
  write_job h5-gzip "$H5_GZIP" hdf5 >/dev/null
  export_job h5-export "$H5_CONTIGUOUS" hdf5 >/dev/null
  export_job faiss-export "$FLAT" faiss >/dev/null
fi

# Fixed costs, so their share inside the wall times is known: process start-up alone, and a whole read of a
# 1,000-row flat index (start-up + plugin loading + JIT of the pipeline; import faiss + read).
fixed() { # name rep command...
  local name=$1 rep=$2 started ended; shift 2
  started=$EPOCHREALTIME
  /usr/bin/time -v -o "$RUN/raw/startup-$name-$rep.time" "$@" > /dev/null 2>&1 || log "FAILED: $*"
  ended=$EPOCHREALTIME
  $PY "$SCRIPTS/parse_time.py" "$RUN/raw/startup-$name-$rep.time" startup warm "$name" "$rep" 0 "" "$started" "$ended" >> "$RESULTS"
}
suite faiss && write_job tiny "$TINY" >/dev/null
for rep in $(seq 1 "$REPS"); do
  fixed milvusdm-startup "$rep" dotnet "$TOOL" --version
  if suite faiss; then
    fixed faiss-import "$rep" $PY -c 'import faiss'
    # shellcheck disable=SC2046
    fixed milvusdm-run-tiny "$rep" $(command_for milvusdm-run tiny "$TINY")
    # shellcheck disable=SC2046
    fixed faiss-reconstruct-tiny "$rep" $(command_for faiss-reconstruct tiny "$TINY")
  fi
  suite hdf5 && fixed h5py-import "$rep" $PY -c 'import h5py'
done

# /proc/stat cpu line: user nice system idle iowait irq softirq steal (jiffies). Steal = time the hypervisor gave
# this virtual machine's CPUs to someone else.
cpu_snapshot() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8; print busy, busy + $5 + $6 + $9, $9 }' /proc/stat; }
read -r BUSY0 ALL0 STEAL0 < <(cpu_snapshot)
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
START=$(date +%s.%N)

measure_all() { # dataset path tools...: warm, then (when allowed) cold, repetitions interleaved
  local dataset=$1 path=$2 rep tool; shift 2
  log "$dataset: warm page cache (file read once before the first run; every tool reads it warm)"
  cat "$path" > /dev/null
  for rep in $(seq 1 "$REPS"); do
    for tool in "$@"; do measure "$dataset" warm "$tool" "$rep" "$path"; done
  done
  if [ "$COLD" = yes ]; then
    log "$dataset: cold page cache (sync; echo 3 > /proc/sys/vm/drop_caches before every run)"
    for rep in $(seq 1 "$REPS"); do
      for tool in "$@"; do measure "$dataset" cold "$tool" "$rep" "$path"; done
    done
  fi
}

for dataset in flat ivf; do
  suite faiss || break
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

# HDF5, in its own measurement window (so the report can say how busy the machine was during it).
H5_START=$(date +%s.%N)
read -r H5_BUSY0 H5_ALL0 H5_STEAL0 < <(cpu_snapshot)
H5_LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
if suite hdf5; then
  # shellcheck disable=SC2086
  measure_all h5-contiguous "$H5_CONTIGUOUS" $TOOLS_h5_read
  # shellcheck disable=SC2086
  measure_all h5-gzip "$H5_GZIP" $TOOLS_h5_read
  measure_all h5-export "$H5_CONTIGUOUS" milvusdm-export h5py-copy
  measure_all faiss-export "$FLAT" milvusdm-export faiss-h5py-copy
fi
H5_END=$(date +%s.%N)
read -r H5_BUSY1 H5_ALL1 H5_STEAL1 < <(cpu_snapshot)
H5_LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)

# Counters (perf stat) and a sampling profile (perf record) of one extra warm run of each tool on the flat index,
# when perf works here (it often does not in containers). JIT-compiled .NET code is named through the runtime's perf
# map (/tmp/perf-PID.map, removed afterwards); W^X is turned off for that run only so perf can attribute JIT code.
PERF=no
profile() { # dataset path tool: perf record of one warm run, reported by library/symbol and by thread
  local data=$RUN/raw/perf-$1-$3.data pid
  # shellcheck disable=SC2046
  DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -F 999 -o "$data" \
    $(command_for "$3" "$1" "$2") > /dev/null 2>&1 || true
  perf report -i "$data" --no-children --sort dso,sym --stdio > "$RUN/raw/profile-$1-$3.txt" 2>/dev/null || true
  perf report -i "$data" --no-children --sort comm,dso --stdio > "$RUN/raw/profile-$1-$3-threads.txt" 2>/dev/null || true
  pid=$(perf script -i "$data" -F pid 2>/dev/null | head -n 1 | tr -d ' ' || true)
  [ -n "$pid" ] && rm -f "/tmp/perf-$pid.map"
  return 0
}
if command -v perf >/dev/null && perf stat -e task-clock true >/dev/null 2>&1 && suite hdf5; then
  cat "$H5_CONTIGUOUS" "$H5_GZIP" > /dev/null
  profile h5-contiguous "$H5_CONTIGUOUS" milvusdm-run
  profile h5-gzip "$H5_GZIP" milvusdm-run
  profile h5-export "$H5_CONTIGUOUS" milvusdm-export
fi
if command -v perf >/dev/null && perf stat -e task-clock true >/dev/null 2>&1 && suite faiss; then
  PERF=yes
  cat "$FLAT" > /dev/null
  for tool in milvusdm-run milvusdm-inspect faiss-reconstruct; do
    # shellcheck disable=SC2046
    perf stat -o "$RUN/raw/perf-flat-$tool.txt" $(command_for "$tool" flat "$FLAT") > /dev/null 2>&1 || true
  done
  for tool in milvusdm-run milvusdm-inspect; do profile flat "$FLAT" "$tool"; done
fi
# The exports' manifests (rows and digests, compared in the report with what inspect computed from the sources) are
# kept; the written files (about 1 GB each) are not.
for manifest in "$RUN"/out/milvusdm-*/manifest.json; do
  [ -f "$manifest" ] && cp "$manifest" "$RUN/raw/manifest-$(basename "$(dirname "$manifest")").json"
done
rm -rf "$RUN/out"

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
    "faiss-invlists": "$(command_for faiss-invlists '{dataset}' '{index}')",
    "milvusdm-export": "$(command_for milvusdm-export '{dataset}' '{file}')",
    "h5py-read": "$(command_for h5py-read '{dataset}' '{file}')",
    "h5py-copy": "$(command_for h5py-copy '{dataset}' '{file}')",
    "faiss-h5py-copy": "$(command_for faiss-h5py-copy '{dataset}' '{index}')"
  },
  "suites": "$SUITES",
  "h5_contiguous": "$H5_CONTIGUOUS", "h5_gzip": "$H5_GZIP",
  "h5_read_job": "$RUN/jobs/h5-gzip.yaml", "h5_export_job": "$RUN/jobs/h5-export.yaml", "faiss_export_job": "$RUN/jobs/faiss-export.yaml",
  "h5_cpu_busy_jiffies": $((H5_BUSY1 - H5_BUSY0)), "h5_cpu_all_jiffies": $((H5_ALL1 - H5_ALL0)), "h5_cpu_steal_jiffies": $((H5_STEAL1 - H5_STEAL0)),
  "h5_measure_start": $H5_START, "h5_measure_end": $H5_END, "h5_loadavg_start": "$H5_LOAD0", "h5_loadavg_end": "$H5_LOAD1",
  "cpu_busy_jiffies": $((BUSY1 - BUSY0)), "cpu_all_jiffies": $((ALL1 - ALL0)), "cpu_steal_jiffies": $((STEAL1 - STEAL0)), "clk_tck": $(getconf CLK_TCK),
  "measure_start": $START, "measure_end": $END, "loadavg_start": "$LOAD0", "loadavg_end": "$LOAD1",
  "dotnet_sdk": "$(dotnet --version)",
  "dotnet_runtime": "$(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }')",
  "git_commit": "$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
}
EOF
$PY "$SCRIPTS/report.py" "$RUN" "$DOC"
log "raw results: $RUN; report: $DOC"
other_suites
