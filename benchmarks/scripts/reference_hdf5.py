#!/usr/bin/python3
"""The HDF5 reference: real h5py (Debian python3-h5py, libhdf5) reading and writing the benchmark files.

  reference_hdf5.py read FILE            h5py reads 'embeddings' and 'ids' whole into numpy arrays (ds[()]), as a
                                         Python user gets every vector out of a file
  reference_hdf5.py copy FILE OUT        the read above, then h5py writes both arrays into a new file OUT with
                                         default settings (contiguous, as milvusdm's HDF5 sink writes), closed and
                                         flushed to disk
  reference_hdf5.py faiss-copy INDEX OUT faiss.read_index + reconstruct_n, then h5py writes 'embeddings' into OUT
Prints one JSON line: rows, dim, and the seconds spent reading and writing. No digest is computed.
"""
import json
import os
import sys
import time

import h5py
import numpy as np


def read_h5(path):
    with h5py.File(path, "r") as f:
        vectors = f["embeddings"][()]
        ids = f["ids"][()] if "ids" in f else None
    return vectors, ids


def read_faiss(path):
    import faiss  # only this mode needs it; importing it costs about 0.4 s
    index = faiss.read_index(path)
    return index.reconstruct_n(0, index.ntotal), None


def write_h5(out, vectors, ids):
    with h5py.File(out, "w") as f:
        f.create_dataset("embeddings", data=vectors)
        if ids is not None:
            f.create_dataset("ids", data=ids)
        f.flush()
    fd = os.open(out, os.O_RDONLY)  # the sink flushes its file to disk (fsync) before renaming it; so does this
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def main():
    mode, path = sys.argv[1], sys.argv[2]
    started = time.perf_counter()
    vectors, ids = (read_faiss if mode == "faiss-copy" else read_h5)(path)
    loaded = time.perf_counter()
    if mode in ("copy", "faiss-copy"):
        write_h5(sys.argv[3], vectors, ids)
    done = time.perf_counter()
    assert vectors.ndim == 2 and vectors.dtype == np.float32
    print(json.dumps({
        "mode": mode,
        "rows": int(vectors.shape[0]),
        "dim": int(vectors.shape[1]),
        "ids": ids is not None,
        "read_s": round(loaded - started, 3),
        "write_s": round(done - loaded, 3),
    }))


if __name__ == "__main__":
    main()
