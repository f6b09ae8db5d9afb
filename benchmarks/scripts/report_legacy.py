#!/usr/bin/python3
"""The "Milvus 1.x storage folder" part of docs/benchmarks.md, from one benchmarks/legacy.sh run.

  report_legacy.py RUN DOC

The part sits between the markers below at the end of the document; the rest of the document is kept as it is.
"""
import json
import os
import statistics
import sys

from common import cpu_model, fmt_int, load_rows, mem_total_gib, milvusdm_pipeline_seconds, read_text, write_part

BEGIN = "<!-- legacy part: begin -->"
END = "<!-- legacy part: end -->"
MIB = 1024 * 1024
LIMIT_ISSUE6_MIB = 200
LIMIT_ISSUE9_MIB = 300

TOOLS = [
    ("milvusdm-run", "milvusdm `run`: folder → `discard`", "no", "numpy-read"),
    ("milvusdm-inspect", "milvusdm `inspect --json`", "yes (digest v1)", "numpy-read"),
    ("numpy-read", "numpy: `np.fromfile` of every segment, deletions dropped", "no", None),
    ("milvusdm-export", "milvusdm `run`: folder → `hdf5` (M2H)", "no", "numpy-h5py-export"),
    ("numpy-h5py-export", "numpy read as above, then h5py writes `embeddings` + `ids`", "no", None),
]


def digest_of(path):
    """The first dataset's digest in an `inspect --json` output, or None."""
    try:
        doc = json.loads(read_text(path))
        return doc["datasets"][0]["digest"], doc["datasets"][0]["rows"]
    except (ValueError, KeyError, IndexError):
        return None, None


def part(run, context, rows):
    truth = json.load(open(os.path.join(context["folder"], "truth.json"), encoding="utf-8"))
    live, vector_bytes = truth["rows"], truth["physical_rows"] * truth["dim"] * 4
    by_tool = {}
    for row in rows:
        by_tool.setdefault(row["tool"], []).append(row)
    median = {t: {k: statistics.median(float(r[k]) for r in rs) for k in ("wall_s", "user_s", "sys_s")}
              | {"rss": max(int(r["max_rss_kb"]) for r in rs) / 1024, "failed": sum(r["exit"] != "0" for r in rs)}
              for t, rs in by_tool.items()}
    busy = 100.0 * context["cpu_busy_jiffies"] / max(1, context["cpu_all_jiffies"])
    out = []
    w = out.append
    w("## Milvus 1.x storage folder: milvusdm vs numpy + h5py\n")
    w(f"Machine: {cpu_model()}, {os.cpu_count()} cores, {mem_total_gib():.0f} GB RAM; .NET SDK {context['dotnet_sdk']}; "
      f"commit `{context['git_commit']}`; `benchmarks/legacy.sh {context['args']}`, {context['reps']} repetitions "
      f"interleaved, warm page cache. CPU busy during the measurements: {busy:.0f}% of both cores "
      f"(load average {context['loadavg_start']} → {context['loadavg_end']}).\n")
    w(f"Data: one collection `bench_coll` written by the project's fixture builder "
      f"(`tests/TestData/milvus-legacy/make_fixtures.py --large {truth['physical_rows']} {truth['dim']} DIR`, synthetic "
      f"but in the 1.x layout: `meta.sqlite`, RAW segments of at most 128 MiB with `.rv`/`.uid`/`deleted_docs`/"
      f"`bloom_filter`, three deleted rows per segment): {fmt_int(truth['physical_rows'])} × {truth['dim']} float32, "
      f"{vector_bytes / MIB:,.0f} MiB of vectors, {context['folder_bytes'] / MIB:,.0f} MiB on disk, "
      f"{fmt_int(live)} live rows.\n")
    w("| run | digest | median wall s | user s | sys s | rows/s (live) | peak RSS MiB | vs reference |")
    w("|---|---|---:|---:|---:|---:|---:|---:|")
    for tool, label, digest, reference in TOOLS:
        if tool not in median:
            continue
        m = median[tool]
        ratio = ""
        if reference and reference in median:
            ratio = f"{median[reference]['wall_s'] / m['wall_s']:.2f}× faster" if m["wall_s"] <= median[reference]["wall_s"] \
                else f"{m['wall_s'] / median[reference]['wall_s']:.2f}× slower"
        failed = f" ({m['failed']} failed)" if m["failed"] else ""
        w(f"| {label}{failed} | {digest} | {m['wall_s']:.2f} | {m['user_s']:.2f} | {m['sys_s']:.2f} | "
          f"{fmt_int(live / m['wall_s'])} | {m['rss']:.0f} | {ratio} |")
    w("")
    pipeline = [milvusdm_pipeline_seconds(r["file"]) for r in by_tool.get("milvusdm-run", [])]
    pipeline = [p for p in pipeline if p]
    if pipeline:
        w(f"The `run` wall time includes the .NET start-up and plugin loading; the pipeline alone (the tool's own "
          f"`done` line) took {statistics.median(pipeline):.2f} s, {live / statistics.median(pipeline) / 1e6:.2f} M rows/s.\n")
    w("### Checks\n")
    checks = []
    for tool in ("milvusdm-run", "milvusdm-inspect", "milvusdm-export"):
        if tool in median:
            rss = median[tool]["rss"]
            checks.append((f"{tool}: peak RSS {rss:.0f} MiB under {LIMIT_ISSUE6_MIB} MiB (issue 6) and "
                           f"{LIMIT_ISSUE9_MIB} MiB (issue 9), for {vector_bytes / MIB:,.0f} MiB of vectors",
                           rss < LIMIT_ISSUE6_MIB))
    run_dir = context["run"]
    inspected, inspected_rows = digest_of(os.path.join(run_dir, "raw", "milvusdm-inspect-1.out"))
    checks.append((f"`inspect` of the folder: {inspected_rows} rows, digest `{inspected}` = the builder's "
                   f"`{truth['digest']}`", inspected == truth["digest"] and inspected_rows == live))
    exported, exported_rows = digest_of(os.path.join(run_dir, "raw", "export-inspect.json"))
    checks.append((f"milvusdm's export `bench_coll/_default.h5`: {exported_rows} rows, digest `{exported}` = the builder's",
                   exported == truth["digest"] and exported_rows == live))
    referenced, referenced_rows = digest_of(os.path.join(run_dir, "raw", "reference-inspect.json"))
    checks.append((f"the numpy + h5py export: {referenced_rows} rows, digest `{referenced}` = the builder's "
                   f"(the reference read the same rows)", referenced == truth["digest"] and referenced_rows == live))
    for text, ok in checks:
        w(f"- {'met' if ok else '**missed**'}: {text}")
    w("")
    w("Reading the numbers: numpy reads each segment file whole with one `read` and needs the whole collection in "
      "memory (peak RSS ≈ the data); milvusdm streams segment by segment in batches of a few MiB, checks every size "
      "header against the file's length, drops the deleted rows, and (for `inspect`) hashes every row with SHA-256 "
      "— the digest is most of `inspect`'s CPU time. The export rows write the same arrays to a contiguous HDF5 file "
      "and fsync it.\n")
    w("Commands:\n")
    for tool, *_ in TOOLS:
        if tool in context["commands"]:
            w(f"- {tool}: `{context['commands'][tool]}`")
    w("")
    return "\n".join(out)


def main():
    run, doc = sys.argv[1], sys.argv[2]
    context = json.load(open(os.path.join(run, "context.json"), encoding="utf-8"))
    text = part(run, context, load_rows(run))
    write_part(doc, BEGIN, END, text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
