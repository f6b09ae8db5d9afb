#!/usr/bin/python3
"""Writes the HDF5 inputs of the Milvus plugin's end-to-end tests (MilvusDm.Plugins.Milvus.Tests) with h5py, and
the digest-v1 values of what must arrive at the destination.

Run with Debian's interpreter (the first python3 on PATH may not see python3-h5py):

    /usr/bin/python3 tests/TestData/milvus/make_fixtures.py [outdir]

Every file holds `embeddings` (float32 rows, or uint8 rows of packed bits for binary vectors) and, when the rows
have keys, `ids` (int64), as the HDF5 source reads them. `expected.json` gives per file the rows, dim, vector type,
whether it has ids, and `digest`/`vectors_digest` computed here exactly as digest-v1.md shows (id-less rows use
their 0-based ordinal). `nan_rows.h5` also lists which rows hold NaN or infinity and the digests of the rows that
remain when they are dropped (nan_policy: skip), keyed by their ids.
"""

import hashlib
import json
import os
import sys

import h5py
import numpy as np

OUT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
rng = np.random.default_rng(20251130)
expected = {}


def digest(ids, vectors):
    """digest-v1.md reference implementation, verbatim."""
    s = t = 0
    for i, v in zip(ids, vectors):
        vb = np.ascontiguousarray(v).tobytes()
        s += int.from_bytes(hashlib.sha256(np.int64(i).astype('<i8').tobytes() + vb).digest()[:16], 'little')
        t += int.from_bytes(hashlib.sha256(vb).digest()[:16], 'little')
    m = 1 << 128
    return (s % m).to_bytes(16, 'little').hex(), (t % m).to_bytes(16, 'little').hex()


def unique_ids(n):
    # Sparse, some negative, some beyond 2^32: ids are arbitrary int64.
    return rng.choice(np.arange(-5000, 1 << 40, 104729, dtype=np.int64), size=n, replace=False).astype('<i8')


def write(name, vectors, ids, vector_type, dim, extra=None):
    path = os.path.join(OUT, name)
    with h5py.File(path, 'w') as f:
        f.create_dataset('embeddings', data=vectors)
        if ids is not None:
            f.create_dataset('ids', data=ids)
    keys = ids if ids is not None else np.arange(len(vectors), dtype='<i8')
    d, v = digest(keys, vectors)
    entry = {'file': name, 'rows': int(len(vectors)), 'dim': dim, 'vector_type': vector_type,
             'has_ids': ids is not None, 'digest': d, 'vectors_digest': v}
    entry.update(extra or {})
    expected[name] = entry


def floats(n, d):
    return rng.standard_normal((n, d)).astype('<f4')


def bits(n, d):
    return rng.integers(0, 256, size=(n, d // 8), dtype=np.uint8)


write('h2m_float_ids.h5', floats(120, 16), unique_ids(120), 'float32', 16)
write('h2m_float_noids.h5', floats(90, 16), None, 'float32', 16)
write('h2m_binary_ids.h5', bits(70, 64), unique_ids(70), 'binary', 64)
write('h2m_binary_noids.h5', bits(60, 64), None, 'binary', 64)

# NaN and infinity in some rows: Milvus rejects them, so the host must stop (error) or drop them (skip).
vectors = floats(40, 8)
ids = unique_ids(40)
bad = [7, 21, 22]
vectors[7, 3] = np.nan
vectors[21, 0] = np.inf
vectors[22, 7] = -np.inf
keep = [i for i in range(len(vectors)) if i not in bad]
kept_digest, kept_vectors_digest = digest(ids[keep], vectors[keep])
write('nan_rows.h5', vectors, ids, 'float32', 8, {
    'bad_rows': bad,
    'kept_rows': len(keep),
    'kept_digest': kept_digest,
    'kept_vectors_digest': kept_vectors_digest,
})

with open(os.path.join(OUT, 'expected.json'), 'w') as f:
    json.dump({'generator': 'make_fixtures.py', 'h5py': h5py.__version__, 'numpy': np.__version__,
               'fixtures': expected}, f, indent=2, sort_keys=True)
    f.write('\n')
