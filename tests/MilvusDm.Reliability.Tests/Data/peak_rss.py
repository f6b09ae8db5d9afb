#!/usr/bin/python3
"""peak_rss.py OUTFILE COMMAND [ARGS...]: runs COMMAND with inherited streams, writes the peak resident set size of
the child (getrusage(RUSAGE_CHILDREN).ru_maxrss, KiB on Linux) to OUTFILE, and exits with the child's exit code."""

import resource
import subprocess
import sys

code = subprocess.call(sys.argv[2:])
with open(sys.argv[1], 'w') as f:
    f.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code if code >= 0 else 128 - code)
