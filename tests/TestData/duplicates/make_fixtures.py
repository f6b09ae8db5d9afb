#!/usr/bin/python3
"""Writes the duplicate-id fixtures with real Faiss and h5py, and what a duplicate check must find in them.

    /usr/bin/python3 tests/TestData/duplicates/make_fixtures.py [outdir]

idmap_duplicate_ids.index  faiss.IndexIDMap(IndexFlatL2(8)), 40 rows, ids 1000+row except: rows 10 and 25 repeat
                           row 3's id 1003, row 30 repeats row 7's id 1007 (Faiss accepts repeated ids).
overlap_a.h5, overlap_b.h5 h5py 'embeddings' (20, 8) and 'ids': a holds ids 0..19, b holds ids 10..29 (other vectors),
                           so ids 10..19 appear in both files.
expected.json              per case: rows, the first duplicated id (smallest) and its first two rows, the numbers of
                           duplicated ids and extra rows, and the digest-v1 of all rows and of the rows keep-last keeps
                           (the last row of each id, in file order), computed exactly as digest-v1.md shows.
"""

import hashlib
import json
import os
import sys

import faiss
import h5py
import numpy as np

OUT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
D = 8
rng = np.random.default_rng(20250611)


def digest(ids, vectors):
    """digest-v1.md reference implementation, verbatim."""
    s = t = 0
    for i, v in zip(ids, vectors):
        vb = np.ascontiguousarray(v).tobytes()
        s += int.from_bytes(hashlib.sha256(np.int64(i).astype('<i8').tobytes() + vb).digest()[:16], 'little')
        t += int.from_bytes(hashlib.sha256(vb).digest()[:16], 'little')
    m = 1 << 128
    return (s % m).to_bytes(16, 'little').hex(), (t % m).to_bytes(16, 'little').hex()


def expectation(ids, vectors):
    """What a duplicate check over rows in this order finds, and the rows keep-last keeps."""
    last = {}
    for row, i in enumerate(ids):
        last[int(i)] = row
    counts = {}
    for i in ids:
        counts[int(i)] = counts.get(int(i), 0) + 1
    duplicated = sorted(i for i, c in counts.items() if c > 1)
    first = duplicated[0]
    rows_of_first = [row for row, i in enumerate(ids) if int(i) == first][:2]
    kept = [row for row, i in enumerate(ids) if last[int(i)] == row]
    return {
        'rows': len(ids),
        'first_duplicate_id': first,
        'first_duplicate_rows': rows_of_first,
        'duplicated_ids': len(duplicated),
        'extra_rows': sum(counts[i] - 1 for i in duplicated),
        'digest': digest(ids, vectors)[0],
        'keep_last_rows': len(kept),
        'keep_last_digest': digest(ids[kept], vectors[kept])[0],
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {}

    vectors = rng.standard_normal((40, D)).astype('<f4')
    ids = (1000 + np.arange(40)).astype('<i8')
    ids[10] = ids[3]
    ids[25] = ids[3]
    ids[30] = ids[7]
    index = faiss.IndexIDMap(faiss.IndexFlatL2(D))
    index.add_with_ids(vectors, ids)
    faiss.write_index(index, os.path.join(OUT, 'idmap_duplicate_ids.index'))
    back = faiss.read_index(os.path.join(OUT, 'idmap_duplicate_ids.index'))
    assert (faiss.vector_to_array(back.id_map) == ids).all(), 'Faiss kept the ids as added'
    expected['idmap_duplicate_ids.index'] = expectation(ids, vectors)

    a_vectors = rng.standard_normal((20, D)).astype('<f4')
    b_vectors = rng.standard_normal((20, D)).astype('<f4')
    a_ids = np.arange(0, 20, dtype='<i8')
    b_ids = np.arange(10, 30, dtype='<i8')
    for name, v, i in (('overlap_a.h5', a_vectors, a_ids), ('overlap_b.h5', b_vectors, b_ids)):
        with h5py.File(os.path.join(OUT, name), 'w') as f:
            f.create_dataset('embeddings', data=v)
            f.create_dataset('ids', data=i)
    expected['overlap_a.h5+overlap_b.h5'] = expectation(np.concatenate([a_ids, b_ids]), np.concatenate([a_vectors, b_vectors]))

    with open(os.path.join(OUT, 'expected.json'), 'w') as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    main()
