#!/usr/bin/python3
"""Turns one benchmarks/milvus.sh measurement (the tool's and the test server's `/usr/bin/time -v` outputs and the
server's closing JSON line) into a results.tsv row.

  parse_milvus.py OUTPREFIX DATASET CONFIG REP EXIT STARTED ENDED
STARTED/ENDED (bash $EPOCHREALTIME around the tool) give the tool's wall time to the microsecond.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parse_time import field  # noqa: E402


def times(path):
    try:
        text = open(path, encoding="utf-8", errors="replace").read()
    except OSError:
        return 0.0, 0.0, 0
    return float(field(text, "User time (seconds)") or 0), float(field(text, "System time (seconds)") or 0), \
        int(field(text, "Maximum resident set size (kbytes)") or 0)


def main():
    prefix, dataset, config, rep, status, started, ended = sys.argv[1:8]
    user, system, rss = times(prefix + ".time")
    server_user, server_system, server_rss = times(prefix + ".server.time")
    rows, digest = 0, ""
    try:
        lines = [line for line in open(prefix + ".server.out", encoding="utf-8") if line.startswith("{")]
        collections = json.loads(lines[-1])["collections"] if lines else []
        bench = next((c for c in collections if c["name"] == "bench"), None)
        if bench:
            rows, digest = bench["rows"], bench["digest"]
    except (OSError, ValueError, KeyError):
        pass
    wall = float(ended) - float(started)
    print("\t".join([dataset, config, rep, f"{wall:.3f}", f"{user:.2f}", f"{system:.2f}", str(rss), status,
                     f"{server_user:.2f}", f"{server_system:.2f}", str(server_rss), str(rows), digest, prefix]))


if __name__ == "__main__":
    main()
