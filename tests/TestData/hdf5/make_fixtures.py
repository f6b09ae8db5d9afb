#!/usr/bin/python3
"""Makes the HDF5 conformance corpus with real h5py (Debian python3-h5py: h5py 3.7, HDF5 1.10.8).

Run with /usr/bin/python3 from this folder. Writes the .h5 files and expected.json: for each fixture, what h5py
reads (the vectors as float32/binary bytes, ids, shape) and the digest-v1 values computed exactly as
shared/reference/digest-v1.md shows. Nothing here is hand-crafted: every file is written by libhdf5 through h5py.
"""
import base64, hashlib, json, os
import numpy as np
import h5py

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240611)


def digest(ids, vectors):
    s = t = 0
    for i, v in zip(ids, vectors):
        vb = np.ascontiguousarray(v).tobytes()
        s += int.from_bytes(hashlib.sha256(np.int64(i).astype('<i8').tobytes() + vb).digest()[:16], 'little')
        t += int.from_bytes(hashlib.sha256(vb).digest()[:16], 'little')
    m = 1 << 128
    return (s % m).to_bytes(16, 'little').hex(), (t % m).to_bytes(16, 'little').hex()


def floats(n, d, dtype='<f4'):
    return rng.standard_normal((n, d)).astype(dtype)


def ids_for(n):
    return (np.arange(n, dtype='<i8') * 7 + 1611731769000715000)


fixtures = {}


def record(name, file, vectors_dataset=None, metric=None, refused=None, attrs=None):
    """Reads the fixture back with h5py and records what a reader must report."""
    entry = {"file": file}
    if refused:
        entry.update(supported=False, reason=refused)
        fixtures[name] = entry
        return
    with h5py.File(os.path.join(HERE, file), 'r') as f:
        if vectors_dataset:
            path = vectors_dataset
        elif 'embeddings' in f:
            path = 'embeddings'
        else:
            path = 'train'
        ds = f[path]
        data = ds[()]
        if data.dtype == np.bool_:  # an HDF5 enum {FALSE, TRUE} per bit (ann-benchmarks hamming): packed MSB first
            vtype, vectors, dim = 'binary', np.packbits(data, axis=1), data.shape[1]
        elif data.dtype.kind == 'S':  # fixed-length byte strings: every byte, as stored (numpy would strip NULs)
            raw = np.frombuffer(data.tobytes(), dtype=np.uint8).reshape(len(data), ds.dtype.itemsize)
            vtype, vectors, dim = 'binary', raw, ds.dtype.itemsize * 8
        elif data.dtype == np.uint8:
            vtype, vectors, dim = 'binary', data, data.shape[1] * 8
        else:
            vtype, vectors, dim = 'float32', data.astype('<f4'), data.shape[1]
        sibling = path.rpartition('/')[0] + '/ids' if '/' in path else 'ids'
        ids = f[sibling][()].astype('<i8') if sibling in f and path != 'train' else None
        n = len(vectors)
        d, vd = digest(ids if ids is not None else np.arange(n), vectors)
        entry.update(
            supported=True, vectors_dataset=path, rows=n, dim=dim, vector_type=vtype, metric=metric,
            has_ids=ids is not None, ids=None if ids is None else [int(i) for i in ids[:3]] + [int(ids[-1])],
            # Every byte is compared: through its SHA-256 always, and literally when small (keeps expected.json small).
            vectors_sha256=hashlib.sha256(np.ascontiguousarray(vectors).tobytes()).hexdigest(),
            vectors_b64=base64.b64encode(np.ascontiguousarray(vectors).tobytes()).decode() if vectors.nbytes <= 2048 else None,
            first_row_b64=base64.b64encode(np.ascontiguousarray(vectors[:1]).tobytes()).decode(),
            digest=d, vectors_digest=vd, attrs=attrs or {})
    fixtures[name] = entry


def make(name, libver=None, userblock=None, vectors=None, ids=True, metric=None, vectors_dataset=None, **create):
    file = name + '.h5'
    kw = {}
    if libver:
        kw['libver'] = libver
    if userblock:
        kw['userblock_size'] = userblock
    with h5py.File(os.path.join(HERE, file), 'w', **kw) as f:
        f.create_dataset(vectors_dataset or 'embeddings', data=vectors, **create)
        if ids:
            f.create_dataset('ids', data=ids_for(len(vectors)))
    record(name, file, vectors_dataset=vectors_dataset, metric=metric)


def lowlevel(name, layout, vectors, libver='latest'):
    """Layouts h5py's high-level API never chooses: compact, and chunked with early allocation (implicit index)."""
    file = name + '.h5'
    with h5py.File(os.path.join(HERE, file), 'w', libver=libver) as f:
        dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
        if layout == 'compact':
            dcpl.set_layout(h5py.h5d.COMPACT)
        else:
            dcpl.set_chunk((4, vectors.shape[1]))
            dcpl.set_alloc_time(h5py.h5d.ALLOC_TIME_EARLY)
        space = h5py.h5s.create_simple(vectors.shape)
        tid = h5py.h5t.py_create(vectors.dtype)
        dsid = h5py.h5d.create(f.id, b'embeddings', tid, space, dcpl=dcpl)
        dsid.write(h5py.h5s.ALL, h5py.h5s.ALL, vectors)
        f.create_dataset('ids', data=ids_for(len(vectors)))
    record(name, file)


# Superblock v0, object header v1, symbol-table groups, layout v3.
make('default_contiguous', vectors=floats(50, 8))
make('default_gzip_shuffle', vectors=floats(95, 8), chunks=(16, 3), compression='gzip', shuffle=True)
make('default_fletcher32', vectors=floats(70, 6), chunks=(8, 6), compression='gzip', fletcher32=True)
make('default_many_chunks', vectors=floats(2000, 4), chunks=(4, 2))
make('default_no_ids', vectors=floats(33, 16), ids=False)
make('default_userblock', userblock=512, vectors=floats(20, 4))
make('big_endian', vectors=floats(30, 6, '>f4'))
with h5py.File(os.path.join(HERE, 'big_endian_ids.h5'), 'w') as f:
    f.create_dataset('embeddings', data=floats(12, 3, '>f8'), chunks=(5, 3), compression='gzip')
    f.create_dataset('ids', data=ids_for(12).astype('>i8'))
record('big_endian_ids', 'big_endian_ids.h5')
make('float64', vectors=rng.standard_normal((40, 5)))
make('float64_chunked', vectors=rng.standard_normal((40, 5)), chunks=(7, 5), compression='gzip', shuffle=True)
make('uint8_binary', vectors=rng.integers(0, 256, (40, 4), dtype=np.uint8), metric=None)
make('nested', vectors=floats(25, 4), vectors_dataset='group/sub/vectors', ids=False)
# libver v108: superblock v2, OHDR, link messages, still layout v3 and v1 B-tree chunk indexes.
make('v108_gzip_shuffle', libver=('v108', 'v108'), vectors=floats(64, 8), chunks=(10, 8), compression='gzip', shuffle=True)
# libver latest: superblock v3, layout v4 and its chunk indexes.
make('latest_contiguous', libver='latest', vectors=floats(50, 8))
make('latest_single_chunk', libver='latest', vectors=floats(30, 8), chunks=(30, 8), compression='gzip', shuffle=True)
make('latest_single_chunk_plain', libver='latest', vectors=floats(30, 8), chunks=(30, 8))
make('latest_fixed_array', libver='latest', vectors=floats(300, 8), chunks=(10, 3))
make('latest_fixed_array_paged', libver='latest', vectors=floats(2100, 2), chunks=(2, 2), compression='gzip')
make('latest_extensible_array', libver='latest', vectors=floats(600, 8), chunks=(2, 8), maxshape=(None, 8))
make('latest_extensible_array_gzip', libver='latest', vectors=floats(100, 8), chunks=(3, 4), maxshape=(None, 8), compression='gzip', shuffle=True)
make('latest_btree2', libver='latest', vectors=floats(100, 8), chunks=(10, 4), maxshape=(None, None))
make('latest_btree2_deep', libver='latest', vectors=floats(1000, 4), chunks=(2, 2), maxshape=(None, None))
make('latest_btree2_gzip', libver='latest', vectors=floats(100, 8), chunks=(10, 4), maxshape=(None, None), compression='gzip', fletcher32=True)
lowlevel('latest_compact', 'compact', floats(20, 4))
lowlevel('latest_implicit', 'implicit', floats(40, 6))
lowlevel('default_compact', 'compact', floats(20, 4), libver='earliest')

# Groups with many members: 9 SNODs under one B-tree (default) and dense link storage (latest).
for libver, name in ((None, 'default_many_members'), ('latest', 'latest_many_members')):
    kw = {'libver': libver} if libver else {}
    with h5py.File(os.path.join(HERE, name + '.h5'), 'w', **kw) as f:
        f.create_dataset('embeddings', data=floats(10, 4))
        f.create_dataset('ids', data=ids_for(10))
        for i in range(40):
            f.create_dataset(f'extra_{i:02d}', data=np.arange(i + 1, dtype='<i4'))
    record(name, name + '.h5')

# Fixed-length byte strings (as the original tool's byte_example.h5), some ending in zero bytes.
strings = rng.integers(0, 256, (6, 8), dtype=np.uint8)
strings[1, 6:] = 0
strings[3, 7] = 0
with h5py.File(os.path.join(HERE, 'fixed_strings.h5'), 'w') as f:
    f.create_dataset('embeddings', data=np.frombuffer(strings.tobytes(), dtype='S8'))
    f.create_dataset('ids', data=np.arange(1, 7, dtype='<i8'))
record('fixed_strings', 'fixed_strings.h5')

# ann-benchmarks conventions (datasets.py write_output): train/test/neighbors/distances, str attributes (vlen).
for distance, metric, libver in (('angular', 'COSINE', None), ('euclidean', 'L2', 'latest')):
    name = f'ann_{distance}'
    kw = {'libver': libver} if libver else {}
    with h5py.File(os.path.join(HERE, name + '.h5'), 'w', **kw) as f:
        f.attrs['type'] = 'dense'
        f.attrs['distance'] = distance
        f.attrs['dimension'] = 8
        f.attrs['point_type'] = 'float'
        f.create_dataset('train', data=floats(60, 8))
        f.create_dataset('test', data=floats(5, 8))
        f.create_dataset('neighbors', data=rng.integers(0, 60, (5, 10)).astype(int))
        f.create_dataset('distances', data=rng.random((5, 10)))
    record(name, name + '.h5', metric=metric)
with h5py.File(os.path.join(HERE, 'ann_hamming_uint8.h5'), 'w') as f:
    f.attrs['distance'] = np.bytes_(b'hamming')  # fixed-length string, as older h5py wrote
    f.create_dataset('train', data=rng.integers(0, 256, (20, 2), dtype=np.uint8))
    f.create_dataset('test', data=rng.integers(0, 256, (3, 2), dtype=np.uint8))
record('ann_hamming_uint8', 'ann_hamming_uint8.h5', metric='HAMMING')

# Refused inputs (real files, expected to fail with a reason).
with h5py.File(os.path.join(HERE, 'refused_lzf.h5'), 'w') as f:
    f.create_dataset('embeddings', data=floats(20, 4), chunks=(5, 4), compression='lzf')
record('refused_lzf', 'refused_lzf.h5', refused='lzf')
with h5py.File(os.path.join(HERE, 'refused_no_vectors.h5'), 'w') as f:
    f.create_dataset('points', data=floats(10, 4))
    f.create_dataset('labels', data=np.arange(10))
record('refused_no_vectors', 'refused_no_vectors.h5', refused='points')
with h5py.File(os.path.join(HERE, 'refused_ids_length.h5'), 'w') as f:
    f.create_dataset('embeddings', data=floats(10, 4))
    f.create_dataset('ids', data=np.arange(9, dtype='<i8'))
record('refused_ids_length', 'refused_ids_length.h5', refused='ids')

# Added after the fixtures above so their random values (one generator, in order) stay as committed.

# ann-benchmarks hamming files store one numpy bool per bit: h5py writes an HDF5 enum {FALSE=0, TRUE=1} of int8.
for libver, name in ((None, 'ann_hamming_bool'), ('latest', 'ann_hamming_bool_latest')):
    kw = {'libver': libver} if libver else {}
    with h5py.File(os.path.join(HERE, name + '.h5'), 'w', **kw) as f:
        f.attrs['type'] = 'dense'
        f.attrs['distance'] = 'hamming'
        f.attrs['dimension'] = 64
        f.attrs['point_type'] = 'bit'
        f.create_dataset('train', data=rng.random((30, 64)) < 0.5)
        f.create_dataset('test', data=rng.random((4, 64)) < 0.5)
        f.create_dataset('neighbors', data=rng.integers(0, 30, (4, 10)).astype(int))
    record(name, name + '.h5', metric='HAMMING')
with h5py.File(os.path.join(HERE, 'ann_hamming_bool_chunked.h5'), 'w') as f:
    f.attrs['distance'] = 'hamming'
    f.create_dataset('train', data=rng.random((50, 24)) < 0.5, chunks=(8, 24), compression='gzip', shuffle=True)
record('ann_hamming_bool_chunked', 'ann_hamming_bool_chunked.h5', metric='HAMMING')
with h5py.File(os.path.join(HERE, 'refused_bool_width.h5'), 'w') as f:
    f.attrs['distance'] = 'hamming'
    f.create_dataset('train', data=rng.random((10, 12)) < 0.5)
record('refused_bool_width', 'refused_bool_width.h5', refused='12 bits')

# libver latest, more than 8 attributes: dense attribute storage (attribute info message, fractal heap, v2 B-tree
# type 8), on the root (ann-benchmarks 'distance') and on the vectors dataset ('metric').
with h5py.File(os.path.join(HERE, 'latest_dense_root_attributes.h5'), 'w', libver='latest') as f:
    for i in range(12):
        f.attrs[f'note_{i:02d}'] = f'value {i}'
    f.attrs['distance'] = 'angular'
    f.attrs['dimension'] = 6
    f.create_dataset('train', data=floats(25, 6))
    f.create_dataset('test', data=floats(3, 6))
record('latest_dense_root_attributes', 'latest_dense_root_attributes.h5', metric='COSINE')
with h5py.File(os.path.join(HERE, 'latest_dense_dataset_attributes.h5'), 'w', libver='latest') as f:
    e = f.create_dataset('embeddings', data=floats(20, 5))
    for i in range(10):
        e.attrs[f'extra_{i:02d}'] = np.arange(i + 1, dtype='<i8')
    e.attrs['metric'] = 'IP'
    e.attrs['long_text'] = 'x' * 300
    f.create_dataset('ids', data=ids_for(20))
record('latest_dense_dataset_attributes', 'latest_dense_dataset_attributes.h5', metric='IP')

# Nested groups with libver latest (link messages), the ids beside the vectors, and a nested group with more than
# 8 members (dense links below the root).
with h5py.File(os.path.join(HERE, 'latest_nested.h5'), 'w', libver='latest') as f:
    sub = f.create_group('group').create_group('sub')
    sub.create_dataset('vectors', data=floats(18, 4), chunks=(5, 4), compression='gzip')
    sub.create_dataset('ids', data=ids_for(18))
    for i in range(10):
        f['group'].create_dataset(f'member_{i:02d}', data=np.arange(3))
record('latest_nested', 'latest_nested.h5', vectors_dataset='group/sub/vectors')

# Scalar fields as the milvusdm sink writes them (group 'scalars' beside the vectors, 1-D datasets with a
# milvus_type attribute, '<name>.valid' for nullable fields), here written by h5py itself; 'note' has no milvus_type
# and is not a field.
with h5py.File(os.path.join(HERE, 'scalars_group.h5'), 'w') as f:
    f.create_dataset('embeddings', data=floats(12, 4))
    f.create_dataset('ids', data=ids_for(12))
    g = f.create_group('scalars')
    columns = {
        'flag': ('Bool', rng.random(12) < 0.5),
        'age': ('Int32', rng.integers(-1000, 1000, 12).astype('<i4')),
        'score': ('Double', rng.standard_normal(12)),
        'name': ('VarChar', np.array(['', 'héllo 🌍'] + [f'name {i}' for i in range(10)], dtype=h5py.string_dtype())),
        'meta': ('Json', np.array([f'{{"i": {i}}}' for i in range(12)], dtype=h5py.string_dtype())),
    }
    for field, (milvus_type, values) in columns.items():
        g.create_dataset(field, data=values).attrs['milvus_type'] = milvus_type
    g['name'].attrs['max_length'] = 32
    g.create_dataset('age.valid', data=np.arange(12) % 3 != 0)
    g.create_dataset('note', data=np.arange(12, dtype='<i2'))
record('scalars_group', 'scalars_group.h5')
with h5py.File(os.path.join(HERE, 'scalars_group.h5'), 'r') as f:
    g = f['scalars']
    fixtures['scalars_group']['scalars'] = {
        name: {'type': g[name].attrs['milvus_type'],
               'values': [v for v in g[name].asstr()[()]] if h5py.check_string_dtype(g[name].dtype) else g[name][()].tolist(),
               'valid': g[name + '.valid'][()].tolist() if name + '.valid' in g else None}
        for name in ('flag', 'age', 'score', 'name', 'meta')}

with h5py.File(os.path.join(HERE, 'refused_scalar_type.h5'), 'w') as f:
    f.create_dataset('embeddings', data=floats(5, 4))
    f.create_group('scalars').create_dataset('n', data=np.arange(5, dtype='<i2')).attrs['milvus_type'] = 'Int64'
record('refused_scalar_type', 'refused_scalar_type.h5', refused='cannot be a Int64 field')

with open(os.path.join(HERE, 'expected.json'), 'w') as out:
    json.dump({"generator": f"h5py {h5py.__version__}, HDF5 {h5py.version.hdf5_version}, numpy {np.__version__}",
               "fixtures": fixtures}, out, indent=1, sort_keys=True)
print(len(fixtures), 'fixtures')
