#!/usr/bin/python3
"""Digest v1 exactly as digest-v1.md specifies it, computed with numpy and hashlib (the independent reference).

usage: reference_digest.py VECTORS_FILE ROW_BYTES KEYS_FILE|- KIND
  VECTORS_FILE  raw vector bytes, row after row
  ROW_BYTES     bytes per row
  KEYS_FILE     int64 little-endian keys ('int'), newline-separated UTF-8 keys ('varchar'), or '-' for ordinals
  KIND          int | varchar | none
Prints: digest vectors_digest rows
"""
import hashlib
import sys

import numpy as np


def main():
    vectors_path, row_bytes, keys_path, kind = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    blob = np.fromfile(vectors_path, dtype=np.uint8)
    rows = blob.size // row_bytes
    matrix = blob.reshape(rows, row_bytes)
    if kind == "int":
        keys = [np.int64(k).astype("<i8").tobytes() for k in np.fromfile(keys_path, dtype="<i8")]
    elif kind == "varchar":
        with open(keys_path, encoding="utf-8") as f:
            texts = f.read().split("\n")[:rows]
        keys = [len(t.encode("utf-8")).to_bytes(4, "little") + t.encode("utf-8") for t in texts]
    else:
        keys = [np.int64(i).astype("<i8").tobytes() for i in range(rows)]
    s = t = 0
    for key, row in zip(keys, matrix):
        vb = np.ascontiguousarray(row).tobytes()
        s += int.from_bytes(hashlib.sha256(key + vb).digest()[:16], "little")
        t += int.from_bytes(hashlib.sha256(vb).digest()[:16], "little")
    m = 1 << 128
    print((s % m).to_bytes(16, "little").hex(), (t % m).to_bytes(16, "little").hex(), rows)


if __name__ == "__main__":
    main()
