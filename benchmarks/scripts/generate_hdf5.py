#!/usr/bin/python3
"""Writes the HDF5 benchmark files with real h5py (Debian python3-h5py), in chunks of rows so the generator never
holds the whole array.

  generate_hdf5.py contiguous OUT.h5 ROWS DIM SEED   'embeddings' (ROWS, DIM) float32 and 'ids' (ROWS,) int64,
                                                     h5py defaults: contiguous layout, superblock v0
  generate_hdf5.py gzip       OUT.h5 ROWS DIM SEED   the same with compression='gzip' (level 4) and h5py's own chunk
                                                     shape (what `create_dataset(..., compression='gzip')` gives)
The vectors are the ones benchmarks/scripts/generate.py adds to the Faiss indexes (standard-normal float32 from
numpy's PCG64 seeded with SEED, in chunks of 100,000 rows), so every benchmark file holds the same rows; the ids are
0..ROWS-1. Prints one JSON line describing the file.
"""
import json
import os
import sys
import time

import h5py
import numpy as np

CHUNK_ROWS = 100_000


def main():
    kind, out, rows, dim, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    started = time.perf_counter()
    create = {"contiguous": {}, "gzip": {"compression": "gzip"}}[kind]
    tmp = out + ".tmp"
    rng = np.random.default_rng(seed)
    with h5py.File(tmp, "w") as f:
        embeddings = f.create_dataset("embeddings", shape=(rows, dim), dtype="<f4", **create)
        ids = f.create_dataset("ids", shape=(rows,), dtype="<i8", **create)
        for start in range(0, rows, CHUNK_ROWS):
            n = min(CHUNK_ROWS, rows - start)
            embeddings[start:start + n] = rng.standard_normal((n, dim), dtype=np.float32)
            ids[start:start + n] = np.arange(start, start + n, dtype="<i8")
        chunks = embeddings.chunks
    os.replace(tmp, out)
    print(json.dumps({
        "kind": kind,
        "path": out,
        "rows": rows,
        "dim": dim,
        "chunks": list(chunks) if chunks else None,
        "compression": create.get("compression"),
        "vector_bytes": rows * dim * 4,
        "file_bytes": os.path.getsize(out),
        "seed": seed,
        "h5py": h5py.__version__,
        "hdf5": h5py.version.hdf5_version,
        "seconds": round(time.perf_counter() - started, 1),
    }))


if __name__ == "__main__":
    main()
