#!/usr/bin/python3
"""Writes the "Milvus sink" part of docs/benchmarks.md from one run directory of benchmarks/milvus.sh.

  report_milvus.py RUN_DIR DOC
The part sits between the markers below at the end of the document; the rest of the document is kept as it is
(benchmarks/run.sh keeps this part in turn). Also prints the part to standard output.
"""
import datetime
import json
import os
import statistics
import sys

from common import cpu_flags, cpu_model, fmt_int, load_rows, mem_total_gib, profile_top, read_text, write_part
from milvus_targets import targets

BEGIN = "<!-- milvus part: begin -->"
END = "<!-- milvus part: end -->"
MB = 1_000_000
NOTES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "notes-milvus.md")
MICRO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "notes-micro.md")
# config -> (name, what it is, does the client compute digest v1?)
CONFIGS = {
    "default": ("milvusdm, defaults", "`batch.in_flight` 4 (batches read ahead), sink `in_flight` 3 (Insert requests at once)", "no"),
    "inflight1": ("milvusdm, one batch in flight", "`--set batch.in_flight=1`; the sink still sends up to 3 requests at once", "no"),
    "serial": ("milvusdm, fully serial", "`--set batch.in_flight=1 --set sink.in_flight=1`: read, send, wait, as the original MilvusDM", "no"),
    "original": ("original-style Python", "`scripts/original_pipeline.py`: the whole source into numpy (`faiss.read_index` + "
                 "`reconstruct_n`, or h5py), per batch `.tolist()` and a flattened list `extend`ed into the protobuf field "
                 "(pymilvus 2.0's way), 100,000-row requests at dim 128 and the largest batch under 64 MiB at dim 768 "
                 "(21,774 rows), one unary Insert at a time (Debian grpcio, protobuf, protoc), Flush, row count", "no"),
    "replay": ("pre-encoded replay †", "`MilvusDm.InsertReplay`: every Insert request encoded before timing (milvusdm's shape: "
               "one 4 MiB batch per request, 8,192 rows at dim 128 and 1,365 at dim 768), sent over HttpClient h2c with 3 in "
               "flight, then Flush and row count; the time is its own timer around the sending only", "no"),
}
DATASETS = {
    "f2m-128": ("F2M", 128, "Faiss `IndexFlatL2` (no ids: client-assigned keys 0..n-1)"),
    "h2m-128": ("H2M", 128, "HDF5 `embeddings` + `ids` (h5py, contiguous)"),
    "f2m-768": ("F2M", 768, "Faiss `IndexFlatL2` (no ids: client-assigned keys 0..n-1)"),
    "h2m-768": ("H2M", 768, "HDF5 `embeddings` + `ids` (h5py, contiguous)"),
    "f2m-128x4": ("F2M 4×", 128, "Faiss `IndexFlatL2`, 4× the rows (`--scale4`)"),
}


def inspected(run, dataset):
    path = os.path.join(run, "raw", f"inspect-{dataset}.json")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)["datasets"][0]


def client_json(prefix):
    """The JSON line the original-style pipeline or the replay printed (phase timings), or {}."""
    for line in reversed(read_text(prefix + ".out").splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    return {}


def client_digest(prefix, config):
    """Whether the client computed digest v1 in this run: milvusdm's --report says (verify: count computes none)."""
    if config not in ("default", "inflight1", "serial"):
        return "no"
    text = read_text(prefix + ".report.json")
    if not text:
        return "?"
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if "digest" in key.lower() and isinstance(value, (str, dict)) and value:
                    found.append(key)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
    walk(json.loads(text))
    return "yes" if found else "no"


def summarize(rows, sizes, fixed):
    """{(dataset, config): summary of the successful repetitions}."""
    out = {}
    for (dataset, config) in {(r["dataset"], r["config"]) for r in rows}:
        if dataset not in sizes:
            continue
        count, megabytes, digest = sizes[dataset]
        runs = [r for r in rows if r["dataset"] == dataset and r["config"] == config]
        ok = [r for r in runs if r["exit"] == "0"]
        if not ok:
            out[(dataset, config)] = {"failed": len(runs)}
            continue
        if config == "replay":
            wall = statistics.median(client_json(r["prefix"]).get("replay_s", float(r["wall_s"])) for r in ok)
        else:
            wall = statistics.median(float(r["wall_s"]) for r in ok)
        out[(dataset, config)] = {
            "wall": wall, "rows": count, "mb": megabytes,
            "rate": count / wall, "mbs": megabytes / wall,
            # Net of the fixed cost only where rows moved for a while: a short run minus a noisy fixed cost means nothing.
            "net": count / (wall - fixed) if config in ("default", "inflight1", "serial") and wall > 2 * fixed else None,
            "cpu": statistics.median(float(r["user_s"]) + float(r["sys_s"]) for r in ok),
            "rss": statistics.median(int(r["max_rss_kb"]) for r in ok) / 1024 * 1.048576,
            "rss_max": max(int(r["max_rss_kb"]) for r in ok) / 1024 * 1.048576,
            "server": statistics.median(float(r["server_user_s"]) + float(r["server_sys_s"]) for r in ok),
            "good": sum(1 for r in runs if r["exit"] == "0" and int(r["server_rows"]) == count and r["server_digest"] == digest),
            "runs": len(runs), "digest": "/".join(sorted({client_digest(r["prefix"], config) for r in ok})),
            "phases": client_json(ok[len(ok) // 2]["prefix"]),
            "process_wall": statistics.median(float(r["wall_s"]) for r in ok),
        }
    return out


def part(run, context, rows):
    lines = []
    w = lines.append
    w("## Milvus sink: writing into a Milvus server")
    w("")
    w(f"Generated by `benchmarks/milvus.sh` on {datetime.date.today().isoformat()} (commit `{context['git_commit']}`, "
      f"arguments: `{context['args']}`); do not edit by hand: rerun the script.")
    w("")
    w("End-to-end `milvusdm run` jobs (F2M from a real Faiss index, H2M from a real h5py file) into the Milvus test "
      "server started as a **separate process in count-only mode** (`" + context["server_command"] + "`): it parses "
      "every Insert, checks its sizes, counts the rows and computes digest v1 of what it received, but stores no row. "
      "The same fresh servers take two references: the **original-style Python pipeline** (what the original MilvusDM "
      "did) and a **pre-encoded request replay** (how fast this server absorbs milvusdm-shaped requests when the client "
      "does nothing but send). A real Milvus (WAL, segments, indexes) is slower and its own limit will dominate. Each "
      "measurement starts a fresh server and one client process (start-up included), with the source file in the page "
      "cache. Every run's destination count and digest (computed by the server) are compared with `milvusdm inspect` "
      "of the source.")
    w("")
    busy = context["cpu_busy_jiffies"] / max(1, context["cpu_all_jiffies"])
    w(f"Machine: {cpu_model()} ({os.cpu_count()} logical CPUs; {', '.join(cpu_flags()) or 'no avx2/sha_ni'}), "
      f"{mem_total_gib():.1f} GiB RAM, .NET SDK {context['dotnet_sdk']}; Python baseline: Debian grpcio "
      f"{context.get('python_grpc', '?')}, protobuf {context.get('python_protobuf', '?')}, {context.get('protoc', 'protoc')}. "
      f"During the measurements the CPUs were {busy * 100:.0f}% busy on average (load average "
      f"{context['loadavg_start']} at the start, {context['loadavg_end']} at the end). Client and server share the same "
      "two CPUs, and other work on the machine (other engineers' builds and benchmarks) shows up here too.")
    w("")
    w("| job | dim | rows | vector MB | source |")
    w("|---|---|---|---|---|")
    sizes = {}
    for dataset, (kind, dim, what) in DATASETS.items():
        info = inspected(run, dataset)
        if info is None:
            continue
        sizes[dataset] = (info["rows"], info["rows"] * dim * 4 / MB, info["digest"])
        w(f"| {kind} | {dim} | {fmt_int(info['rows'])} | {sizes[dataset][1]:,.0f} | {what} |")
    w("")
    tiny = [r for r in rows if r["dataset"] == "tiny-128" and r["exit"] == "0"]
    fixed = statistics.median(float(r["wall_s"]) for r in tiny) if tiny else 0.0
    if tiny:
        w(f"Fixed cost of a milvusdm job, measured with a 1,000-row F2M job (start-up, plugin loading, connection and "
          f"version probe, collection creation, flush, index, count check): **{fixed:.2f} s** (median). The \"net\" "
          "column divides by the wall time minus this fixed cost (milvusdm runs longer than twice the fixed cost), the rate "
          "while rows are moving.")
        w("")
    w("What runs:")
    w("")
    for name, text, _ in CONFIGS.values():
        w(f"- **{name}**: {text}.")
    w("")
    w("milvusdm's sink defaults otherwise: Insert requests of at most 16 MiB (`batch_bytes`; a 4 MiB batch is one "
      "request), AUTOINDEX after the last row, `verify: count` (row count after flush, no client-side digest).")
    w("")
    summary = summarize(rows, sizes, fixed)
    w(f"Medians of {context['reps']} repetitions:")
    w("")
    w("| job | dim | run | client digest | wall s | rows/s | MB/s | net rows/s | vs defaults | client CPU s | client peak RSS MB | server CPU s | server count + digest |")
    w("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for dataset, (kind, dim, _) in DATASETS.items():
        for config, (name, _, _) in CONFIGS.items():
            s = summary.get((dataset, config))
            if s is None:
                continue
            if "failed" in s:
                w(f"| {kind} | {dim} | {name} | | failed ({s['failed']} runs) | | | | | | | | |")
                continue
            base = summary.get((dataset, "default"), {}).get("wall", s["wall"])
            net = fmt_int(s["net"]) if s["net"] else ""
            w(f"| {kind} | {dim} | {name} | {s['digest']} | {s['wall']:.2f} | {fmt_int(s['rate'])} | {s['mbs']:,.0f} | {net} | "
              f"{base / s['wall']:.2f}× | {s['cpu']:.1f} | {s['rss']:.0f} | {s['server']:.1f} | {s['good']}/{s['runs']} equal |")
    w("")
    w("\"vs defaults\": the defaults' wall time divided by this run's (below 1: slower than milvusdm's defaults). "
      "\"server count + digest\": runs whose server-side row count and digest v1 equal the source's. "
      "† The replay's time is its own timer around sending (its process also reads and encodes every request first, "
      "untimed); its client CPU and peak RSS cover the whole process, all requests held in memory. "
      "MB = 10^6 bytes of vector payload; peak RSS in MB too.")
    w("")
    phases(w, summary)
    targets(w, summary, context)
    profiles(w, run, context)
    w("Commands (per measurement, a fresh server on a free port; every client under `/usr/bin/time -v`):")
    w("")
    w("```sh")
    w(context["server_command"] + " &")
    for key in ("tool_command", "original_command", "replay_command"):
        if key in context:
            w("/usr/bin/time -v " + context[key])
    w("```")
    w("")
    w("Reproduce: `benchmarks/milvus.sh` (`--rows128`, `--rows768`, `--reps`, `--scale4`, `--scratch`; see "
      f"`benchmarks/README.md`). Raw results of this run: `{context['run']}` on the machine that ran it.")
    notes = read_text(NOTES).strip()
    if notes:
        w("")
        w("### Reading the Milvus numbers")
        w("")
        w("*(Hand-written in `benchmarks/notes-milvus.md` and appended by the script; the tables above are regenerated on every run.)*")
        w("")
        w(notes)
    micro = read_text(MICRO).strip()
    if micro:
        w("")
        w("## Micro-benchmarks: HDF5 decoding and Insert encoding (BenchmarkDotNet)")
        w("")
        w("*(Hand-written in `benchmarks/notes-micro.md` from a run of `benchmarks/MilvusDm.Benchmarks`, appended by "
          "`report_milvus.py`; the other micro-benchmarks are described in `benchmarks/README.md`.)*")
        w("")
        w(micro)
    return "\n".join(lines) + "\n"


def phases(w, summary):
    rows = [(d, s["phases"]) for (d, c), s in sorted(summary.items()) if c == "original" and "phases" in s and s["phases"]]
    if not rows:
        return
    w("Where the original-style pipeline spends its time (the median run, seconds):")
    w("")
    w("| job | dim | batch rows | read into numpy | `.tolist()` + protobuf fields | serialize | Insert calls | flush + count | total |")
    w("|---|---|---|---|---|---|---|---|---|")
    for dataset, p in rows:
        kind, dim, _ = DATASETS[dataset]
        w(f"| {kind} | {dim} | {fmt_int(p['batch_rows'])} | {p['read_s']:.2f} | {p['lists_and_fields_s']:.2f} | "
          f"{p['serialize_s']:.2f} | {p['insert_calls_s']:.2f} | {p['flush_and_count_s']:.2f} | {p['total_s']:.2f} |")
    w("")


def profiles(w, run, context):
    found = []
    for side, name in (("", "milvusdm run (client)"), (".server", "test server (count-only)")):
        top = profile_top(os.path.join(run, "raw", f"profile-f2m-128{side}.txt"))
        threads = profile_top(os.path.join(run, "raw", f"profile-f2m-128{side}-threads.txt"), group_unnamed=False)
        if top:
            found.append((name, top, threads))
    if not found:
        w("No profile: `perf` was not usable on this machine (or `--no-profile`).")
        w("")
        return
    w("### Profile: one extra F2M dim-128 run with the defaults (`perf record -F 999`, client and server)")
    w("")
    w("Share of each process's CPU samples (start-up included). JIT-compiled .NET methods are named through the "
      "runtime's perf map; addresses in stripped native libraries are summed per library.")
    w("")
    for name, top, threads in found:
        w(f"**{name}**, by thread and library: " + ", ".join(f"{label} {pct:.1f}%" for pct, label in threads[:6]) + ".")
        w("")
        w("| samples | where |")
        w("|---:|---|")
        for pct, label in top[:12]:
            w(f"| {pct:.1f}% | {label} |")
        w("")


def main():
    run, doc = sys.argv[1], sys.argv[2]
    context = json.load(open(os.path.join(run, "context.json"), encoding="utf-8"))
    text = part(run, context, load_rows(run))
    write_part(doc, BEGIN, END, text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
