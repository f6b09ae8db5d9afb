#!/usr/bin/python3
"""Reads a file written by the milvusdm HDF5 sink with real h5py and prints what h5py sees as JSON:
dataset shapes and dtypes, the embeddings' attributes, the digest-v1 values (digest-v1.md) of its rows, and every
dataset of the 'scalars' group (dtype, values as h5py returns them, strings decoded from UTF-8, attributes)."""
import hashlib, json, sys
import numpy as np
import h5py


def plain(value):
    return value.decode() if isinstance(value, bytes) else value.item() if hasattr(value, 'item') else value


def scalars(group):
    out = {}
    for name, ds in group.items():
        is_str = h5py.check_string_dtype(ds.dtype) is not None
        values = ds.asstr()[()] if is_str else ds[()]
        out[name] = {
            "dtype": "str" if is_str else ds.dtype.str, "shape": list(ds.shape),
            "values": [v if is_str else v.item() for v in values],
            "attrs": {k: plain(v) for k, v in ds.attrs.items()},
        }
    return out


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
    attrs = {k: plain(v) for k, v in e.attrs.items()}
    print(json.dumps({
        "keys": sorted(f.keys()),
        "shape": list(e.shape), "dtype": e.dtype.str,
        "ids_dtype": f['ids'].dtype.str if 'ids' in f else None,
        "ids_shape": list(f['ids'].shape) if 'ids' in f else None,
        "attrs": attrs, "digest": d, "vectors_digest": vd,
        "vectors_sha256": hashlib.sha256(np.ascontiguousarray(vectors).tobytes()).hexdigest(),
        "scalars": scalars(f['scalars']) if 'scalars' in f else None,
    }, sort_keys=True))
