#!/usr/bin/python3
"""Writes the Faiss fixtures for MilvusDm.Plugins.Faiss.Tests and what Faiss itself reports about them.

Run with Debian's interpreter (the first python3 on PATH may not see python3-faiss):

    /usr/bin/python3 tests/TestData/faiss/make_fixtures.py [outdir]

Every `.index` file is written by real Faiss (`faiss.write_index` / `write_index_binary`), except the few
labelled CONSTRUCTED (layouts Faiss 1.7.3 can no longer write, assembled byte by byte from the parts of a real
file following formats.md 1.5) or DERIVED (a real file with exactly one field changed, to stand for another
Faiss version's layout). `expected.json` lists, per file, the rows in the order Faiss stores them (flat:
`reconstruct_n`; IVF: list by list from `invlists`), their ids, the vector bytes (base64, little-endian) and the
digest-v1 values, computed here exactly as digest-v1.md shows.
"""

import base64
import hashlib
import json
import os
import shutil
import struct
import sys
import tempfile

import faiss
import numpy as np

OUT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
D = 8          # float dimension
DB = 64        # binary dimension in bits
rng = np.random.default_rng(20240601)
expected = {}
ADDED = {}  # name -> (ids, vectors) as added, to check what Faiss reports back
keep = []  # nested Faiss objects whose SWIG owner might otherwise free them early


def digest(ids, vectors):
    """digest-v1.md reference implementation, verbatim."""
    s = t = 0
    for i, v in zip(ids, vectors):
        vb = np.ascontiguousarray(v).tobytes()
        s += int.from_bytes(hashlib.sha256(np.int64(i).astype('<i8').tobytes() + vb).digest()[:16], 'little')
        t += int.from_bytes(hashlib.sha256(vb).digest()[:16], 'little')
    m = 1 << 128
    return (s % m).to_bytes(16, 'little').hex(), (t % m).to_bytes(16, 'little').hex()


def floats(n, d=D):
    return rng.standard_normal((n, d)).astype('<f4')


def bits(n, d=DB):
    return rng.integers(0, 256, size=(n, d // 8), dtype=np.uint8)


def unique_ids(n):
    # Large, sparse, some negative: ids are arbitrary int64 in Faiss.
    ids = rng.choice(np.arange(-1000, 1 << 40, 7919, dtype=np.int64), size=n, replace=False)
    return ids.astype('<i8')


def record(name, fourcc, vectors, ids, metric, vector_type, dim, has_ids, note=None, **extra):
    vectors = np.ascontiguousarray(vectors)
    digest_ids = ids if has_ids else np.arange(len(vectors), dtype='<i8')
    d, vd = digest(digest_ids, vectors)
    entry = {
        "file": name + ".index",
        "fourcc": fourcc,
        "supported": True,
        "dim": dim,
        "rows": int(len(vectors)),
        "vector_type": vector_type,
        "metric": metric,
        "has_ids": has_ids,
        "ids": [int(i) for i in ids] if has_ids else None,
        "vectors_b64": base64.b64encode(vectors.tobytes()).decode(),
        "digest": d,
        "vectors_digest": vd,
    }
    if note:
        entry["note"] = note
    entry.update(extra)
    expected[name] = entry


def same_rows(name, ids, vectors, added_ids, added_vectors):
    """Guards against reading freed SWIG memory: what Faiss reports must be exactly what was added."""
    got = {int(i): np.ascontiguousarray(v).tobytes() for i, v in zip(ids, vectors)}
    want = {int(i): np.ascontiguousarray(v).tobytes() for i, v in zip(added_ids, added_vectors)}
    assert len(got) == len(ids) and got == want, name


def refused(name, fourcc, reason, note=None):
    entry = {"file": name + ".index", "fourcc": fourcc, "supported": False, "reason": reason}
    if note:
        entry["note"] = note
    expected[name] = entry


def path(name, ext=".index"):
    return os.path.join(OUT, name + ext)


def fourcc_of(name):
    with open(path(name), "rb") as f:
        return f.read(4).decode("ascii")


def invlist_rows(invlists, nlist, code_size):
    """Rows of an ArrayInvertedLists / OnDiskInvertedLists in list order, as Faiss reports them."""
    all_ids, all_codes = [], []
    for lst in range(nlist):
        n = invlists.list_size(lst)
        if n == 0:
            continue
        ids = faiss.rev_swig_ptr(invlists.get_ids(lst), n).copy()
        codes = faiss.rev_swig_ptr(invlists.get_codes(lst), n * code_size).copy()
        all_ids.append(ids.astype('<i8'))
        all_codes.append(codes.reshape(n, code_size))
    if not all_ids:
        return np.zeros(0, dtype='<i8'), np.zeros((0, code_size), dtype=np.uint8)
    return np.concatenate(all_ids), np.concatenate(all_codes)


def float_rows(codes):
    return codes.view('<f4')


# ---------------------------------------------------------------- flat, any metric
def flat(name, index, n, metric_name):
    index.add(floats(n))
    faiss.write_index(index, path(name))
    back = faiss.read_index(path(name))
    vecs = back.reconstruct_n(0, back.ntotal).astype('<f4') if back.ntotal else np.zeros((0, D), '<f4')
    record(name, fourcc_of(name), vecs, np.arange(back.ntotal), metric_name, "float32", D, False)


flat("flat_l2", faiss.IndexFlatL2(D), 40, "L2")
flat("flat_ip", faiss.IndexFlatIP(D), 40, "IP")
flat("flat_l1", faiss.IndexFlat(D, faiss.METRIC_L1), 20, "L1")
flat("flat_linf", faiss.IndexFlat(D, faiss.METRIC_Linf), 20, "Linf")
lp = faiss.IndexFlat(D, faiss.METRIC_Lp)
lp.metric_arg = 3.0
flat("flat_lp3", lp, 20, "Lp")
flat("flat_canberra", faiss.IndexFlat(D, faiss.METRIC_Canberra), 12, "Canberra")
flat("flat_l2_empty", faiss.IndexFlatL2(D), 0, "L2")


# ---------------------------------------------------------------- id maps around flat and HNSW
def idmap(name, index, n, metric_name):
    ids, added = unique_ids(n), floats(n)
    index.add_with_ids(added, ids)
    faiss.write_index(index, path(name))
    back = faiss.read_index(path(name))
    stored_ids = faiss.vector_to_array(back.id_map).astype('<i8')
    inner = faiss.downcast_index(back.index)
    if isinstance(inner, faiss.IndexHNSW):
        inner = faiss.downcast_index(inner.storage)
    vecs = inner.reconstruct_n(0, inner.ntotal).astype('<f4')
    same_rows(name, stored_ids, vecs, ids, added)
    record(name, fourcc_of(name), vecs, stored_ids, metric_name, "float32", D, True)


idmap("idmap_flat_l2", faiss.IndexIDMap(faiss.IndexFlatL2(D)), 30, "L2")
idmap("idmap2_flat_ip", faiss.IndexIDMap2(faiss.IndexFlatIP(D)), 30, "IP")
idmap("idmap_hnsw_flat", faiss.IndexIDMap(faiss.IndexHNSWFlat(D, 4)), 50, "L2")


# ---------------------------------------------------------------- HNSW-Flat
hnsw = faiss.IndexHNSWFlat(D, 4)
hnsw.add(floats(60))
faiss.write_index(hnsw, path("hnsw_flat"))
whole = faiss.read_index(path("hnsw_flat"))  # keep the owner alive: storage is a borrowed pointer
back = faiss.downcast_index(whole.storage)
record("hnsw_flat", "IHNf", back.reconstruct_n(0, back.ntotal).astype('<f4'), np.arange(back.ntotal), "L2",
       "float32", D, False)


# ---------------------------------------------------------------- IVF-Flat
def ivf_expected(name, metric_name, note=None, outer_ids=None):
    whole = faiss.read_index(path(name))  # keep the owner alive: extract_index_ivf borrows
    back = faiss.extract_index_ivf(whole)
    ids, codes = invlist_rows(back.invlists, back.nlist, back.code_size)
    if outer_ids is not None:
        ids = outer_ids[ids]
    if name in ADDED:
        same_rows(name, ids, float_rows(codes), *ADDED[name])
    record(name, fourcc_of(name), float_rows(codes), ids, metric_name, "float32", D, True, note=note)


def ivfflat(name, nlist, n, metric=faiss.METRIC_L2, with_ids=True, direct_map=None, train_n=200):
    quantizer = faiss.IndexFlatL2(D) if metric == faiss.METRIC_L2 else (
        faiss.IndexFlatIP(D) if metric == faiss.METRIC_INNER_PRODUCT else faiss.IndexFlat(D, metric))
    index = faiss.IndexIVFFlat(quantizer, D, nlist, metric)
    index.train(floats(max(train_n, nlist)))
    if direct_map is not None:
        index.set_direct_map_type(direct_map)
    added_ids, added = (unique_ids(n) if with_ids else np.arange(n, dtype='<i8')), floats(n)
    if n:
        if with_ids:
            index.add_with_ids(added, added_ids)
        else:
            index.add(added)
    faiss.write_index(index, path(name))
    ADDED[name] = (added_ids, added)
    return index


ivfflat("ivfflat_full", 4, 300)
ivf_expected("ivfflat_full", "L2")
ivfflat("ivfflat_sparse", 64, 10)
ivf_expected("ivfflat_sparse", "L2")
ivfflat("ivfflat_ip_directmap", 4, 100, faiss.METRIC_INNER_PRODUCT, with_ids=False, direct_map=faiss.DirectMap.Array)
ivf_expected("ivfflat_ip_directmap", "IP")
ivfflat("ivfflat_hashmap", 4, 100, direct_map=faiss.DirectMap.Hashtable)
ivf_expected("ivfflat_hashmap", "L2")
ivfflat("ivfflat_empty", 4, 0)
ivf_expected("ivfflat_empty", "L2")
ivfflat("ivfflat_l1", 4, 60, faiss.METRIC_L1)
ivf_expected("ivfflat_l1", "L1")

# IxMp around an IVF: the IVF stores sequential internal ids, the id map turns them into external ones.
inner = faiss.IndexIVFFlat(faiss.IndexFlatL2(D), D, 4)
inner.train(floats(200))
wrapped = faiss.IndexIDMap(inner)
ADDED["idmap_ivfflat"] = (unique_ids(80), floats(80))
wrapped.add_with_ids(ADDED["idmap_ivfflat"][1], ADDED["idmap_ivfflat"][0])
faiss.write_index(wrapped, path("idmap_ivfflat"))
owner = faiss.read_index(path("idmap_ivfflat"))  # keep the owner alive while its id_map is copied
ivf_expected("idmap_ivfflat", "L2", outer_ids=faiss.vector_to_array(owner.id_map).astype('<i8'))

# On-disk inverted lists: written in a temporary folder, so the absolute path stored in the index no longer
# exists once the files are moved here (the reader must fall back to the file beside the index).
# A fixed name keeps the fixture bytes reproducible; the folder is deleted afterwards.
tmp = os.path.join(tempfile.gettempdir(), "milvusdm-faiss-ondisk-fixture")
shutil.rmtree(tmp, ignore_errors=True)
os.makedirs(tmp)
if True:
    index = faiss.IndexIVFFlat(faiss.IndexFlatL2(D), D, 4)
    index.train(floats(200))
    ondisk = faiss.OnDiskInvertedLists(index.nlist, index.code_size, os.path.join(tmp, "ivfflat_ondisk.ivfdata"))
    index.replace_invlists(ondisk, True)
    ondisk.this.disown()
    index.add_with_ids(floats(120), unique_ids(120))
    faiss.write_index(index, os.path.join(tmp, "ivfflat_ondisk.index"))
    stored_path = os.path.join(tmp, "ivfflat_ondisk.ivfdata")
    del index
    shutil.copyfile(os.path.join(tmp, "ivfflat_ondisk.index"), path("ivfflat_ondisk"))
    shutil.copyfile(stored_path, path("ivfflat_ondisk", ".ivfdata"))
back = faiss.read_index(path("ivfflat_ondisk"), faiss.IO_FLAG_ONDISK_SAME_DIR)
ids, codes = invlist_rows(back.invlists, back.nlist, back.code_size)
shutil.rmtree(tmp)
record("ivfflat_ondisk", "IwFl", float_rows(codes), ids, "L2", "float32", D, True,
       note="ilod lists; the stored absolute path is a deleted temporary folder", stored_data_path=stored_path)
del back


# ---------------------------------------------------------------- refine-flat: the refine index holds exact copies
def refine(name, base, n, metric_name):
    index = faiss.IndexRefineFlat(base)
    index.train(floats(300))
    index.add(floats(n))
    faiss.write_index(index, path(name))
    whole = faiss.read_index(path(name))
    back = faiss.downcast_index(whole.refine_index)
    record(name, "IxRF", back.reconstruct_n(0, back.ntotal).astype('<f4'), np.arange(back.ntotal), metric_name,
           "float32", D, False)


refine("refineflat_pq", faiss.IndexPQ(D, 2, 4), 40, "L2")
refine("refineflat_sq8", faiss.IndexScalarQuantizer(D, faiss.ScalarQuantizer.QT_8bit), 40, "L2")
refine("refineflat_ivfpq", faiss.IndexIVFPQ(faiss.IndexFlatL2(D), D, 4, 2, 4), 40, "L2")
refine("refineflat_hnswsq", faiss.IndexHNSWSQ(D, faiss.ScalarQuantizer.QT_fp16, 4), 40, "L2")


# ---------------------------------------------------------------- binary
def bin_reconstruct(index):
    # Row by row: IndexBinary::reconstruct_n in Faiss 1.7.3 strides the output by d (bits), not code_size.
    out = np.empty((index.ntotal, index.code_size), dtype=np.uint8)
    for i in range(index.ntotal):
        out[i] = index.reconstruct(i)
    return out


def bin_record(name, vecs, ids, has_ids, note=None):
    record(name, fourcc_of(name), vecs.astype(np.uint8), ids, "HAMMING", "binary", DB, has_ids, note=note)


bf = faiss.IndexBinaryFlat(DB)
bf.add(bits(50))
faiss.write_index_binary(bf, path("bin_flat"))
back = faiss.read_index_binary(path("bin_flat"))
bin_record("bin_flat", bin_reconstruct(back), np.arange(back.ntotal), False)

for name, cls in (("bin_idmap", faiss.IndexBinaryIDMap), ("bin_idmap2", faiss.IndexBinaryIDMap2)):
    sub = faiss.IndexBinaryFlat(DB)
    keep.append(sub)  # the binary id map wrappers do not keep their sub-index alive in Python
    index = cls(sub)
    index.add_with_ids(bits(30), unique_ids(30))
    faiss.write_index_binary(index, path(name))
    back = faiss.read_index_binary(path(name))
    inner = faiss.downcast_IndexBinary(back.index)
    bin_record(name, bin_reconstruct(inner), faiss.vector_to_array(back.id_map).astype('<i8'), True,
               note="Faiss 1.7.3 writes code_size 0 in the wrapper header")

# DERIVED: bin_idmap with the wrapper's code_size set to d/8, as Faiss >= 1.8.0 writes it (one field changed).
with open(path("bin_idmap"), "rb") as f:
    raw = bytearray(f.read())
assert raw[0:4] == b"IBMp" and struct.unpack_from("<i", raw, 8)[0] == 0
struct.pack_into("<i", raw, 8, DB // 8)
with open(path("bin_idmap_sized"), "wb") as f:
    f.write(raw)
expected["bin_idmap_sized"] = dict(expected["bin_idmap"], file="bin_idmap_sized.index",
                                   note="DERIVED from bin_idmap: wrapper code_size set to d/8 (Faiss >= 1.8.0 layout)")

bquant = faiss.IndexBinaryFlat(DB)
keep.append(bquant)
bivf = faiss.IndexBinaryIVF(bquant, DB, 4)
bivf.train(bits(200))
bivf.add_with_ids(bits(70), unique_ids(70))
faiss.write_index_binary(bivf, path("bin_ivf"))
back = faiss.read_index_binary(path("bin_ivf"))
ids, codes = invlist_rows(back.invlists, back.nlist, back.code_size)
bin_record("bin_ivf", codes, ids, True)

bh = faiss.IndexBinaryHNSW(DB, 4)
bh.add(bits(40))
faiss.write_index_binary(bh, path("bin_hnsw"))
whole = faiss.read_index_binary(path("bin_hnsw"))
back = faiss.downcast_IndexBinary(whole.storage)
bin_record("bin_hnsw", bin_reconstruct(back), np.arange(back.ntotal), False)


# ---------------------------------------------------------------- CONSTRUCTED legacy IVF-Flat (faiss <= 1.2, 2018)
def read_u64(b, off):
    return struct.unpack_from("<Q", b, off)[0], off + 8


def construct_legacy(src, name, fourcc):
    """Rebuilds `src` (a real IwFl with ilar lists) in the pre-2018 layout of formats.md 1.5:
    [IVF header][quantizer][nlist x vector<int64> ids][direct map][nlist x vector<codes>]."""
    with open(path(src), "rb") as f:
        b = f.read()
    assert b[0:4] == b"IwFl"
    off = 4 + 33                         # fourcc + float header, metric <= 1 so no metric_arg
    nlist, off = read_u64(b, off)
    off += 8                             # nprobe
    head_end = off
    assert b[off:off + 4] in (b"IxF2", b"IxFI")
    off += 4 + 33
    nq, off = read_u64(b, off)
    off += nq * 4
    quantizer = b[head_end:off]
    dm_start = off
    off += 1
    na, off = read_u64(b, off)
    off += na * 8
    assert b[dm_start] in (0, 1)
    direct_map = b[dm_start:off]
    assert b[off:off + 4] == b"ilar"
    off += 4
    nl, off = read_u64(b, off)
    code_size, off = read_u64(b, off)
    assert nl == nlist and code_size == D * 4
    kind = b[off:off + 4]
    off += 4
    sizes = [0] * nlist
    cnt, off = read_u64(b, off)
    vals = struct.unpack_from("<%dQ" % cnt, b, off)
    off += cnt * 8
    if kind == b"full":
        sizes = list(vals)
    else:
        for j in range(0, cnt, 2):
            sizes[vals[j]] = vals[j + 1]
    codes, idlists = [], []
    for s in sizes:
        codes.append(b[off:off + s * code_size])
        off += s * code_size
        idlists.append(b[off:off + s * 8])
        off += s * 8
    assert off == len(b)
    out = bytearray(fourcc.encode() + b[4:head_end] + quantizer)
    for s, ids in zip(sizes, idlists):
        out += struct.pack("<Q", s) + ids
    out += direct_map
    for s, c in zip(sizes, codes):
        out += struct.pack("<Q", s * D if fourcc == "IvFl" else s * code_size) + c
    with open(path(name), "wb") as f:
        f.write(out)
    expected[name] = dict(expected[src], file=name + ".index", fourcc=fourcc,
                          note="CONSTRUCTED from %s in the pre-2018 %s layout (Faiss 1.7.3 cannot write it)" % (src, fourcc))


construct_legacy("ivfflat_full", "legacy_ivfflat_IvFl", "IvFl")
construct_legacy("ivfflat_ip_directmap", "legacy_ivfflat_IvFL", "IvFL")


# ---------------------------------------------------------------- refused: the original vectors are not stored
def decoded_by_faiss(name):
    """What Faiss reconstructs from a scalar-quantizer index (the allow_lossy expectation), in storage order."""
    whole = faiss.read_index(path(name))
    index = faiss.downcast_index(whole)
    if isinstance(index, faiss.IndexHNSW):
        storage = faiss.downcast_index(index.storage)
        return np.arange(storage.ntotal, dtype='<i8'), storage.reconstruct_n(0, storage.ntotal).astype('<f4'), False
    if isinstance(index, faiss.IndexIVF):
        index.make_direct_map()
        ids, _ = invlist_rows(index.invlists, index.nlist, index.code_size)
        vecs = np.array([index.reconstruct(int(i)) for i in ids], dtype='<f4').reshape(len(ids), D)
        return ids, vecs, True
    return np.arange(index.ntotal, dtype='<i8'), index.reconstruct_n(0, index.ntotal).astype('<f4'), False


def lossy(name, index, train=True, n=40, decodable=False):
    if train:
        index.train(floats(300))
    index.add(floats(n))
    faiss.write_index(index, path(name))
    refused(name, fourcc_of(name), "lossy")
    if decodable:
        ids, vecs, has_ids = decoded_by_faiss(name)
        d, vd = digest(ids, vecs)
        expected[name]["decoded"] = {
            "rows": int(len(vecs)), "has_ids": has_ids, "ids": [int(i) for i in ids] if has_ids else None,
            "vectors_b64": base64.b64encode(np.ascontiguousarray(vecs).tobytes()).decode(),
            "digest": d, "vectors_digest": vd,
        }


SQ = faiss.ScalarQuantizer
lossy("sq8", faiss.IndexScalarQuantizer(D, SQ.QT_8bit), decodable=True)
lossy("sqfp16", faiss.IndexScalarQuantizer(D, SQ.QT_fp16), decodable=True)
lossy("sq4", faiss.IndexScalarQuantizer(D, SQ.QT_4bit), decodable=True)
lossy("sq8_uniform", faiss.IndexScalarQuantizer(D, SQ.QT_8bit_uniform), decodable=True)
lossy("sq4_uniform", faiss.IndexScalarQuantizer(D, SQ.QT_4bit_uniform), decodable=True)
lossy("sq8_direct", faiss.IndexScalarQuantizer(D, SQ.QT_8bit_direct), decodable=True)
lossy("sq6", faiss.IndexScalarQuantizer(D, SQ.QT_6bit), decodable=True)
lossy("ivfsq8", faiss.IndexIVFScalarQuantizer(faiss.IndexFlatL2(D), D, 4, SQ.QT_8bit), decodable=True)
ivfsq_plain = faiss.IndexIVFScalarQuantizer(faiss.IndexFlatL2(D), D, 4, SQ.QT_fp16, faiss.METRIC_L2, False)
lossy("ivfsqfp16_no_residual", ivfsq_plain, decodable=True)
lossy("pq", faiss.IndexPQ(D, 2, 4))
lossy("ivfpq", faiss.IndexIVFPQ(faiss.IndexFlatL2(D), D, 4, 2, 4))
lossy("hnsw_pq", faiss.IndexHNSWPQ(D, 2, 4))
lossy("hnsw_sq", faiss.IndexHNSWSQ(D, SQ.QT_8bit, 4), decodable=True)
lossy("lsh", faiss.IndexLSH(D, 16), train=False)
pca = faiss.IndexPreTransform(faiss.PCAMatrix(D, 4), faiss.IndexFlatL2(4))
lossy("pretransform_pca_flat", pca)
idmap_pq = faiss.IndexIDMap(faiss.IndexPQ(D, 2, 4))
idmap_pq.train(floats(300))
idmap_pq.add_with_ids(floats(20), unique_ids(20))
faiss.write_index(idmap_pq, path("idmap_pq"))
refused("idmap_pq", "IxMp", "lossy")

dedup = faiss.IndexIVFFlatDedup(faiss.IndexFlatL2(D), D, 4)
dedup.train(floats(200))
dedup.add(floats(30))
faiss.write_index(dedup, path("ivfflat_dedup"))
refused("ivfflat_dedup", "IwFd", "unsupported")

bhash = faiss.IndexBinaryHash(DB, 8)
bhash.add(bits(20))
faiss.write_index_binary(bhash, path("bin_hash"))
refused("bin_hash", "IBHh", "unsupported")

with open(path("not_faiss"), "wb") as f:
    f.write(b"PK\x03\x04 this is not a faiss index")
refused("not_faiss", "PK\x03\x04", "unknown", note="CONSTRUCTED: arbitrary bytes")

with open(os.path.join(OUT, "expected.json"), "w") as f:
    json.dump({"faiss_version": faiss.__version__, "fixtures": expected}, f, indent=1, sort_keys=True)
    f.write("\n")
print("wrote %d fixtures to %s" % (len(expected), OUT))
