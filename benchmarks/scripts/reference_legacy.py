#!/usr/bin/python3
"""The reference for a Milvus 1.x storage folder: what a Python user does without milvusdm.

  reference_legacy.py read FOLDER TABLE DIM         numpy reads every RAW segment of db/tables/TABLE whole
                                                    (np.fromfile of .rv and .uid after their 8-byte size headers),
                                                    drops the rows listed in deleted_docs, and concatenates them
  reference_legacy.py export FOLDER TABLE DIM OUT   the read above, then h5py writes 'embeddings' and 'ids' into OUT
                                                    with default settings (contiguous), flushed to disk

Every segment folder under the table is read (the benchmark folder from make_fixtures.py --large holds only live RAW
segments, so no meta lookup is needed for the same rows). Prints one JSON line: rows, dim, seconds reading and
writing. No digest is computed.
"""
import json
import os
import sys
import time

import numpy as np

HEADER = 8  # every .rv/.uid/deleted_docs file starts with its payload size (uint64)


def read_segment(folder, dim):
    name = os.path.basename(folder)
    vectors = np.fromfile(os.path.join(folder, name + ".rv"), dtype="<f4", offset=HEADER).reshape(-1, dim)
    ids = np.fromfile(os.path.join(folder, name + ".uid"), dtype="<i8", offset=HEADER)
    deleted = np.fromfile(os.path.join(folder, "deleted_docs"), dtype="<i4", offset=HEADER)
    if deleted.size:
        keep = np.ones(len(ids), dtype=bool)
        keep[deleted] = False
        vectors, ids = vectors[keep], ids[keep]
    return vectors, ids


def read_table(root, table, dim):
    tables = os.path.join(root, "db", "tables", table)
    segments = sorted((s for s in os.listdir(tables) if s.isdigit()), key=int)
    parts = [read_segment(os.path.join(tables, s), dim) for s in segments]
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def write_h5(out, vectors, ids):
    import h5py
    with h5py.File(out, "w") as f:
        f.create_dataset("embeddings", data=vectors)
        f.create_dataset("ids", data=ids)
        f.flush()
    fd = os.open(out, os.O_RDONLY)  # milvusdm's sink fsyncs its file before renaming it; so does this
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def main():
    mode, root, table, dim = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    started = time.perf_counter()
    vectors, ids = read_table(root, table, dim)
    loaded = time.perf_counter()
    if mode == "export":
        write_h5(sys.argv[5], vectors, ids)
    done = time.perf_counter()
    print(json.dumps({"mode": mode, "rows": int(vectors.shape[0]), "dim": int(vectors.shape[1]),
                      "read_s": round(loaded - started, 3), "write_s": round(done - loaded, 3)}))


if __name__ == "__main__":
    main()
