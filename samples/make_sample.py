#!/usr/bin/python3
"""Writes the quickstart sample: a small Faiss IVF-Flat index with ids, made by real Faiss, and what it holds.

Run with Debian's interpreter (the first python3 on PATH may not see python3-faiss):

    /usr/bin/python3 samples/make_sample.py

Writes samples/quickstart.index (faiss.write_index) and samples/quickstart.json: rows, dim, metric and the
digest-v1 values of the rows as Faiss itself returns them (list by list from invlists), computed by the
reference implementation tests/MilvusDm.Abstractions.Tests/reference_digest.py. The quickstart
(yamls/quickstart.yaml) must print this digest.
"""

import json
import os
import subprocess
import sys
import tempfile

import faiss
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, '..', 'tests', 'MilvusDm.Abstractions.Tests', 'reference_digest.py')
ROWS, DIM, NLIST = 500, 16, 8


def digest(ids, vectors):
    """digest-v1 by the project's independent reference implementation (numpy + hashlib, digest-v1.md)."""
    with tempfile.TemporaryDirectory() as tmp:
        vectors_file, ids_file = os.path.join(tmp, 'vectors'), os.path.join(tmp, 'ids')
        np.ascontiguousarray(vectors).tofile(vectors_file)
        np.ascontiguousarray(ids, dtype='<i8').tofile(ids_file)
        out = subprocess.run([sys.executable, REFERENCE, vectors_file, str(vectors.shape[1] * vectors.itemsize), ids_file, 'int'],
                             check=True, capture_output=True, text=True).stdout.split()
    return out[0], out[1]


def main():
    rng = np.random.default_rng(20250101)
    vectors = rng.standard_normal((ROWS, DIM)).astype('<f4')
    ids = (np.arange(ROWS, dtype=np.int64) * 10 + 1000).astype('<i8')  # ids of the caller's own choosing

    quantizer = faiss.IndexFlatL2(DIM)
    index = faiss.IndexIVFFlat(quantizer, DIM, NLIST, faiss.METRIC_L2)
    index.train(vectors)
    index.add_with_ids(vectors, ids)
    path = os.path.join(HERE, 'quickstart.index')
    faiss.write_index(index, path)

    # What Faiss reports back from the written file, not what was added: read it again and walk the lists.
    back = faiss.read_index(path)
    invlists = faiss.extract_index_ivf(back).invlists
    got_ids, got_vectors = [], []
    for lst in range(invlists.nlist):
        n = invlists.list_size(lst)
        if n == 0:
            continue
        got_ids.append(faiss.rev_swig_ptr(invlists.get_ids(lst), n).copy())
        codes = faiss.rev_swig_ptr(invlists.get_codes(lst), n * invlists.code_size).copy()
        got_vectors.append(codes.view('<f4').reshape(n, DIM))
    got_ids = np.concatenate(got_ids)
    got_vectors = np.concatenate(got_vectors)
    assert back.ntotal == ROWS and sorted(got_ids.tolist()) == sorted(ids.tolist())

    d, vd = digest(got_ids, got_vectors)
    expected = {
        'file': 'quickstart.index',
        'faiss_version': faiss.__version__,
        'index': 'IndexIVFFlat',
        'rows': int(back.ntotal),
        'dim': int(back.d),
        'metric': 'L2',
        'has_ids': True,
        'digest': d,
        'vectors_digest': vd,
    }
    with open(os.path.join(HERE, 'quickstart.json'), 'w', encoding='utf-8') as f:
        json.dump(expected, f, indent=2)
        f.write('\n')
    print(json.dumps(expected))


if __name__ == '__main__':
    main()
