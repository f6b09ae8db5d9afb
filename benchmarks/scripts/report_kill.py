#!/usr/bin/python3
"""The "Kill and resume at scale" part of docs/benchmarks.md, from one benchmarks/kill.sh run.

  report_kill.py RUN DOC
"""
import csv
import json
import os
import re
import sys

from common import cpu_model, fmt_int, mem_total_gib, read_text, write_part

BEGIN = "<!-- kill part: begin -->"
END = "<!-- kill part: end -->"


def first_dataset(path):
    try:
        datasets = json.loads(read_text(path))["datasets"]
        return datasets[0] if len(datasets) == 1 else None
    except (ValueError, KeyError, IndexError):
        return None


def part(run, context):
    source = first_dataset(os.path.join(run, "source.json"))
    with open(os.path.join(run, "results.tsv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    out = []
    w = out.append
    w("## Kill and resume at scale\n")
    w(f"Machine: {cpu_model()}, {os.cpu_count()} cores, {mem_total_gib():.0f} GB RAM; .NET SDK {context['dotnet_sdk']}; "
      f"commit `{context['git_commit']}`; `benchmarks/kill.sh {context['args']}`.\n")
    w(f"Source: a real Faiss `IndexFlatL2` of {fmt_int(context['rows'])} × 128 float32 (no ids: client-assigned "
      f"ordinal keys), digest `{source['digest'] if source else '?'}`. Each destination: a job with `verify: digest` "
      f"SIGKILLed {context['kills']} times at a random point (seed {context['seed']}), each next run with `--resume`, "
      f"then resumed to the end. The tests in `tests/MilvusDm.Reliability.Tests/Kill` do the same on small data in "
      f"every CI run.\n")
    w("| destination | run | started at row | killed after s | outcome | check after the kill |")
    w("|---|---|---:|---:|---|---|")
    for r in rows:
        # A resumed run says where it picked up: the rows its predecessors got acknowledged before being killed.
        prefix = os.path.join(run, f"{r['destination']}-{r['run']}")
        resumed = re.search(r"resuming at row ([\d,]+)", read_text(prefix + ".err") + read_text(prefix + ".out"))
        start = resumed.group(1) if resumed else "0"
        w(f"| {r['destination']} | {r['run']} | {start} | {r['killed_after_s']} | "
          f"{r['exit'] if r['exit'] != 'killed' else 'SIGKILL'} | {r['note']} |")
    w("")
    w("An HDF5 file is one unit: a killed export leaves only its `.partial` file, which the resumed run writes again "
      "from row 0 (so no export run here got further than its kill); Milvus rows are acknowledged per request, so a "
      "resumed F2M run starts after the last acknowledged row and re-sends the rest as upserts.\n")
    w("Final state:\n")
    for name, file, label in (("export", "export-final.json", "HDF5 export"),
                              ("milvus", "milvus-final.json", "Milvus collection (test server, storing mode)")):
        final = first_dataset(os.path.join(run, file))
        last = [r for r in rows if r["destination"] == name]
        kills = sum(r["exit"] == "killed" for r in last)
        status = last[-1]["exit"] if last else "?"
        # A job that finished before its kills tested nothing: the run counts only when every planned kill landed.
        ok = bool(final and source and final["rows"] == source["rows"] and final["digest"] == source["digest"]
                  and status == "0" and kills == context["kills"])
        incomplete = [r for r in last if "incomplete among them: 0" not in r["note"] and r["exit"] == "killed" and name == "export"]
        extra = "; no incomplete file ever under a final `.h5` name" if name == "export" and not incomplete else ""
        w(f"- {'met' if ok else '**missed**'}: {label}: {kills} kills, last run exit {status}; "
          f"{fmt_int(final['rows']) if final else '?'} rows, digest `{final['digest'] if final else '?'}` "
          f"{'=' if final and source and final['digest'] == source['digest'] else '≠'} the source's{extra}"
          + ("" if kills == context["kills"] else f" (only {kills} of {context['kills']} kills landed: use more rows or a smaller --max-delay)"))
    w("")
    return "\n".join(out)


def main():
    run, doc = sys.argv[1], sys.argv[2]
    context = json.load(open(os.path.join(run, "context.json"), encoding="utf-8"))
    text = part(run, context)
    write_part(doc, BEGIN, END, text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
