#!/usr/bin/python3
"""Reads a file written by the milvusdm HDF5 sink with real h5py and prints what h5py sees as JSON:
dataset shapes and dtypes, the embeddings' attributes, and the digest-v1 values (digest-v1.md) of its rows."""
import hashlib, json, sys
import numpy as np
import h5py


def digest(ids, vectors):
    s = t = 0
    for i, v in zip(ids, vectors):
        vb = np.ascontiguousarray(v).tobytes()
        s += int.from_bytes(hashlib.sha256(np.int64(i).astype('<i8').tobytes() + vb).digest()[:16], 'little')
        t += int.from_bytes(hashlib.sha256(vb).digest()[:16], 'little')
    m = 1 << 128
    return (s % m).to_bytes(16, 'little').hex(), (t % m).to_bytes(16, 'little').hex()


with h5py.File(sys.argv[1], 'r') as f:
    e = f['embeddings']
    vectors = e[()]
    ids = f['ids'][()] if 'ids' in f else np.arange(len(vectors))
    d, vd = digest(ids, vectors)
    attrs = {k: (v.decode() if isinstance(v, bytes) else v.item() if hasattr(v, 'item') else v) for k, v in e.attrs.items()}
    print(json.dumps({
        "keys": sorted(f.keys()),
        "shape": list(e.shape), "dtype": e.dtype.str,
        "ids_dtype": f['ids'].dtype.str if 'ids' in f else None,
        "ids_shape": list(f['ids'].shape) if 'ids' in f else None,
        "attrs": attrs, "digest": d, "vectors_digest": vd,
        "vectors_sha256": hashlib.sha256(np.ascontiguousarray(vectors).tobytes()).hexdigest(),
    }, sort_keys=True))
