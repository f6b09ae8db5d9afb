#!/usr/bin/python3
"""Writes the data of the kill and fault suites with the real libraries, and its digest-v1 values.

    /usr/bin/python3 make_kill_data.py OUTDIR ROWS

OUTDIR receives, all with dimension 16 and ROWS rows of seeded random float32 vectors:
  keyed.index  faiss.IndexIDMap(IndexFlatL2) with unique, sparse int64 ids
  plain.index  faiss.IndexFlatL2 without ids (the host assigns keys 0..n-1)
  keyed.h5     h5py: 'embeddings' (n, 16) float32 and 'ids' (n,) int64
  plain.h5     h5py: 'embeddings' only
  part0.h5 .. part3.h5  h5py: the keyed rows in four consecutive quarters (the partitions of the export test)
  expected.json  per file: rows, digest and vectors_digest exactly as digest-v1.md computes them
Run with Debian's interpreter: only /usr/bin/python3 sees python3-faiss and python3-h5py.
"""

import hashlib
import json
import os
import sys

import faiss
import h5py
import numpy as np

D = 16


def digest(ids, vectors):
    """digest-v1.md reference implementation, verbatim."""
    s = t = 0
    for i, v in zip(ids, vectors):
        vb = np.ascontiguousarray(v).tobytes()
        s += int.from_bytes(hashlib.sha256(np.int64(i).astype('<i8').tobytes() + vb).digest()[:16], 'little')
        t += int.from_bytes(hashlib.sha256(vb).digest()[:16], 'little')
    m = 1 << 128
    return (s % m).to_bytes(16, 'little').hex(), (t % m).to_bytes(16, 'little').hex()


def main():
    out, n = os.path.abspath(sys.argv[1]), int(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(88)
    vectors = rng.standard_normal((n, D)).astype('<f4')
    ids = rng.choice(np.arange(-5000, 1 << 40, 104729, dtype=np.int64), size=n, replace=False).astype('<i8')
    ordinals = np.arange(n, dtype='<i8')

    keyed = faiss.IndexIDMap(faiss.IndexFlatL2(D))
    keyed.add_with_ids(vectors, ids)
    faiss.write_index(keyed, os.path.join(out, 'keyed.index'))
    plain = faiss.IndexFlatL2(D)
    plain.add(vectors)
    faiss.write_index(plain, os.path.join(out, 'plain.index'))
    with h5py.File(os.path.join(out, 'keyed.h5'), 'w') as f:
        f.create_dataset('embeddings', data=vectors)
        f.create_dataset('ids', data=ids)
    with h5py.File(os.path.join(out, 'plain.h5'), 'w') as f:
        f.create_dataset('embeddings', data=vectors)

    quarter = n // 4
    part_digests = []
    for k in range(4):
        rows = slice(k * quarter, (k + 1) * quarter)
        with h5py.File(os.path.join(out, 'part%d.h5' % k), 'w') as f:
            f.create_dataset('embeddings', data=vectors[rows])
            f.create_dataset('ids', data=ids[rows])
        part_digests.append(digest(ids[rows], vectors[rows])[0])

    keyed_digest, vectors_digest = digest(ids, vectors)
    ordinal_digest, _ = digest(ordinals, vectors)
    expected = {
        'rows': n,
        'dim': D,
        'keyed_digest': keyed_digest,
        'ordinal_digest': ordinal_digest,
        'vectors_digest': vectors_digest,
        'part_digests': part_digests,
    }
    with open(os.path.join(out, 'expected.json'), 'w') as f:
        json.dump(expected, f, indent=1)


if __name__ == '__main__':
    main()
