#!/usr/bin/python3
"""The reference reader: real Faiss (Debian python3-faiss) reading a whole index into numpy.

  reference_read.py reconstruct FILE   faiss.read_index, then index.reconstruct_n(0, ntotal) into one float32 array.
                                       For IndexIVFFlat, Faiss 1.7.3's IndexIVF::reconstruct_n needs no direct map:
                                       it walks every inverted list and copies each entry whose id is in
                                       [0, ntotal) to row id (the benchmark's IVF was built with add(), so its ids
                                       are 0..ntotal-1 and every row is filled).
  reference_read.py invlists FILE      IVF only: faiss.read_index, then walk the inverted lists and copy each list's
                                       codes (the raw float32 vectors) and ids into preallocated numpy arrays, in
                                       list order: the same output as milvusdm (ids + vectors), without a direct map.
Prints one JSON line: rows, dim and the seconds spent in read_index and in the extraction. No digest is computed.
"""
import json
import sys
import time

import faiss
import numpy as np


def reconstruct(index):
    vectors = index.reconstruct_n(0, index.ntotal)
    return vectors, None


def invlists(index):
    ivf = faiss.extract_index_ivf(index)
    lists = ivf.invlists
    code_size = lists.code_size
    vectors = np.empty((ivf.ntotal, ivf.d), dtype=np.float32)
    ids = np.empty(ivf.ntotal, dtype=np.int64)
    raw = vectors.view(np.uint8).reshape(-1)
    at = 0
    for list_no in range(lists.nlist):
        n = lists.list_size(list_no)
        if n == 0:
            continue
        codes = faiss.rev_swig_ptr(lists.get_codes(list_no), n * code_size)
        raw[at * code_size:(at + n) * code_size] = codes
        ids[at:at + n] = faiss.rev_swig_ptr(lists.get_ids(list_no), n)
        at += n
    assert at == ivf.ntotal, (at, ivf.ntotal)
    return vectors, ids


def main():
    mode, path = sys.argv[1], sys.argv[2]
    started = time.perf_counter()
    index = faiss.read_index(path)
    loaded = time.perf_counter()
    vectors, ids = {"reconstruct": reconstruct, "invlists": invlists}[mode](index)
    done = time.perf_counter()
    assert vectors.shape == (index.ntotal, index.d)
    print(json.dumps({
        "mode": mode,
        "faiss_class": type(index).__name__,
        "rows": int(index.ntotal),
        "dim": int(index.d),
        "ids": ids is not None,
        "read_index_s": round(loaded - started, 3),
        "extract_s": round(done - loaded, 3),
    }))


if __name__ == "__main__":
    main()
