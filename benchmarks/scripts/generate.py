#!/usr/bin/python3
"""Writes the benchmark indexes with real Faiss (Debian python3-faiss), in chunks so the generator holds at most the
index itself plus one chunk.

  generate.py flat  OUT.index ROWS DIM SEED   IndexFlatL2, ids 0..ROWS-1 (implicit)
  generate.py ivf   OUT.index ROWS DIM SEED   IndexIVFFlat (L2, NLIST lists, flat quantizer), vectors added with
                                              add() so Faiss stores the sequential ids 0..ROWS-1 in the lists
Vectors are standard-normal float32 from numpy's PCG64 seeded with SEED, so a run is reproducible. Prints one JSON
line describing the file (rows, dim, bytes of vector payload, file size, seconds spent).
"""
import json
import os
import sys
import time

import faiss
import numpy as np

CHUNK_ROWS = 100_000
NLIST = 256
TRAIN_ROWS = 39 * NLIST + 16  # Faiss asks for at least 39 points per centroid


def chunks(rows, dim, seed):
    rng = np.random.default_rng(seed)
    for start in range(0, rows, CHUNK_ROWS):
        n = min(CHUNK_ROWS, rows - start)
        yield rng.standard_normal((n, dim), dtype=np.float32)


def build_flat(rows, dim, seed):
    index = faiss.IndexFlatL2(dim)
    for x in chunks(rows, dim, seed):
        index.add(x)
    return index


def build_ivf(rows, dim, seed):
    quantizer = faiss.IndexFlatL2(dim)
    index = faiss.IndexIVFFlat(quantizer, dim, NLIST, faiss.METRIC_L2)
    # Train on a separate sample (a different seed) so training does not need the whole data set in memory.
    train = np.random.default_rng(seed + 1).standard_normal((TRAIN_ROWS, dim), dtype=np.float32)
    index.train(train)
    del train
    for x in chunks(rows, dim, seed):
        index.add(x)
    index.own_fields = True
    quantizer.this.disown()
    return index


def main():
    kind, out, rows, dim, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    started = time.perf_counter()
    index = {"flat": build_flat, "ivf": build_ivf}[kind](rows, dim, seed)
    assert index.ntotal == rows
    tmp = out + ".tmp"
    faiss.write_index(index, tmp)
    os.replace(tmp, out)
    print(json.dumps({
        "kind": kind,
        "faiss_class": type(index).__name__,
        "path": out,
        "rows": rows,
        "dim": dim,
        "nlist": NLIST if kind == "ivf" else None,
        "vector_bytes": rows * dim * 4,
        "file_bytes": os.path.getsize(out),
        "seed": seed,
        "seconds": round(time.perf_counter() - started, 1),
    }))


if __name__ == "__main__":
    main()
