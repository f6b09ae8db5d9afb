#!/usr/bin/python3
"""Turns one GNU `/usr/bin/time -v` output into a results.tsv row.

  parse_time.py TIMEFILE DATASET CACHE TOOL REP EXIT OUTPREFIX [STARTED ENDED]
STARTED/ENDED (bash $EPOCHREALTIME around the command) give the wall time to the microsecond; without them the
wall time is GNU time's own (1/100 s).
"""
import re
import sys


def field(text, name):
    match = re.search(r"^\s*" + re.escape(name) + r"[^:]*:\s*(.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else None


def clock(value):
    seconds = 0.0
    for part in value.split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def main():
    path, dataset, cache, tool, rep, status, prefix = sys.argv[1:8]
    text = open(path, encoding="utf-8", errors="replace").read()
    wall = clock(field(text, "Elapsed (wall clock) time (h:mm:ss or m:ss)").split(" ")[-1]) if field(text, "Elapsed") else 0.0
    if len(sys.argv) > 9:
        wall = float(sys.argv[9]) - float(sys.argv[8])
    user = float(field(text, "User time (seconds)") or 0)
    system = float(field(text, "System time (seconds)") or 0)
    rss = int(field(text, "Maximum resident set size (kbytes)") or 0)
    print("\t".join([dataset, cache, tool, rep, f"{wall:.3f}", f"{user:.2f}", f"{system:.2f}", str(rss), status, prefix]))


if __name__ == "__main__":
    main()
