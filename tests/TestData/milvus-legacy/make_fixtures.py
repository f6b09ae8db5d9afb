#!/usr/bin/python3
"""Writes the Milvus 0.10/1.x storage-folder fixtures for the MilvusLegacy source plugin and the truth it must read.

SYNTHETIC DATA. No public `meta.sqlite` from a real Milvus 1.x exists (formats.md 2.9), so this script builds the
folders itself, faithfully to ../../../../shared/reference/formats.md part 2 and to the Milvus 1.x sources it cites:
  * meta tables `Environment`, `Tables`, `TableFiles`, `Fields` with every column, SQLite type and constraint of
    SqliteMetaImpl.cpp (created in its order, journal_mode=WAL as Milvus sets it), and the same meta as MySQL DDL of
    MySQLMetaImpl.cpp plus INSERTs (storage.mysql.sql, loadable into an empty database);
  * `db/tables/<table_id>/<segment_id>/` folders; raw files named `<file_id>.rv` / `<file_id>.uid` with
    file_id == segment_id; every segment has `deleted_docs` (just the 8-byte header 0 when nothing was deleted)
    and a `bloom_filter` with the 1.1 "bloom_0" header; index files (no extension, their own file_id) in the
    segment folder of a BACKUP raw row;
  * every blob is `u64 num_bytes` followed by the payload (float32 / packed bits / int64 ids / int32 offsets);
  * ids, segment ids and file ids made like SafeIDGenerator (microseconds * 1000 + counter).
The bloom filter bitmap and the index blob are placeholders with the real headers (no reader decodes them).

Run with Debian's interpreter (numpy is only visible to it):

    /usr/bin/python3 tests/TestData/milvus-legacy/make_fixtures.py [--out DIR]
    /usr/bin/python3 tests/TestData/milvus-legacy/make_fixtures.py --large ROWS DIM OUT_DIR

The first form rewrites storage/, storage-secondary/, storage.mysql.sql, truth.json and truth/ (committed).
The second streams one big float collection (benchmark input, not committed); see README.md.
"""

import argparse
import contextlib
import hashlib
import importlib.util
import io
import json
import os
import shutil
import sqlite3
import struct
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE_DIGEST = os.path.join(HERE, "..", "..", "MilvusDm.Abstractions.Tests", "reference_digest.py")
SEED = 20230309
MILVUS_VERSION = "1.1.1"  # CURRENT_VERSION, the default of Tables.version
START_US = 1678354366132931  # 2023-03-09, the time of the real milvus-migration sample segment

# ---------------------------------------------------------------------------------------------------------------
# The meta schema column by column: (name, SQLite declaration from SqliteMetaImpl.cpp, MySQL declaration from
# MySQLMetaImpl.cpp). Both backends use the same names in the same order; only the types and defaults differ.
SCHEMA = {
    "Environment": [("global_lsn", "INTEGER DEFAULT (0) NOT NULL", "BIGINT NOT NULL")],
    "Tables": [
        ("id", "INTEGER PRIMARY KEY NOT NULL", "BIGINT PRIMARY KEY AUTO_INCREMENT"),
        ("table_id", "TEXT UNIQUE NOT NULL", "VARCHAR(255) UNIQUE NOT NULL"),
        ("state", "INTEGER NOT NULL", "INT NOT NULL"),
        ("dimension", "INTEGER NOT NULL", "SMALLINT NOT NULL"),
        ("created_on", "INTEGER NOT NULL", "BIGINT NOT NULL"),
        ("flag", "INTEGER DEFAULT (0) NOT NULL", "BIGINT DEFAULT 0 NOT NULL"),
        ("index_file_size", "INTEGER NOT NULL", "BIGINT DEFAULT 1024 NOT NULL"),
        ("engine_type", "INTEGER NOT NULL", "INT DEFAULT 1 NOT NULL"),
        ("index_params", "TEXT NOT NULL", "VARCHAR(512) NOT NULL"),
        ("metric_type", "INTEGER NOT NULL", "INT DEFAULT 1 NOT NULL"),
        ("owner_table", "TEXT DEFAULT ('') NOT NULL", "VARCHAR(255) NOT NULL"),
        ("partition_tag", "TEXT DEFAULT ('') NOT NULL", "VARCHAR(255) NOT NULL"),
        ("version", "TEXT DEFAULT ('%s') NOT NULL" % MILVUS_VERSION, "VARCHAR(64) DEFAULT '%s'" % MILVUS_VERSION),
        ("flush_lsn", "INTEGER NOT NULL", "BIGINT DEFAULT 0 NOT NULL"),
    ],
    "TableFiles": [
        ("id", "INTEGER PRIMARY KEY NOT NULL", "BIGINT PRIMARY KEY AUTO_INCREMENT"),
        ("table_id", "TEXT NOT NULL", "VARCHAR(255) NOT NULL"),
        ("segment_id", "TEXT DEFAULT ('') NOT NULL", "VARCHAR(255) NOT NULL"),
        ("engine_type", "INTEGER NOT NULL", "INT DEFAULT 1 NOT NULL"),
        ("file_id", "TEXT NOT NULL", "VARCHAR(255) NOT NULL"),
        ("file_type", "INTEGER NOT NULL", "INT DEFAULT 0 NOT NULL"),
        ("file_size", "INTEGER DEFAULT (0) NOT NULL", "BIGINT DEFAULT 0 NOT NULL"),
        ("row_count", "INTEGER DEFAULT (0) NOT NULL", "BIGINT DEFAULT 0 NOT NULL"),
        ("updated_time", "INTEGER NOT NULL", "BIGINT NOT NULL"),
        ("created_on", "INTEGER NOT NULL", "BIGINT NOT NULL"),
        ("date", "INTEGER NOT NULL", "INT DEFAULT -1 NOT NULL"),
        ("flush_lsn", "INTEGER NOT NULL", "BIGINT DEFAULT 0 NOT NULL"),
    ],
    "Fields": [
        ("collection_id", "TEXT NOT NULL", "VARCHAR(255) NOT NULL"),
        ("field_name", "TEXT NOT NULL", "VARCHAR(255) NOT NULL"),
        ("field_type", "INTEGER NOT NULL", "INT DEFAULT 0 NOT NULL"),
        ("field_params", "TEXT NOT NULL", "VARCHAR(255) NOT NULL"),
    ],
}
SQLITE_CREATE_ORDER = ["Environment", "Tables", "TableFiles", "Fields"]  # SqliteMetaImpl::Initialize
MYSQL_CREATE_ORDER = ["Tables", "TableFiles", "Environment", "Fields"]  # MySQLMetaImpl::Initialize

# TableFiles.file_type (formats.md 2.5.1) and the rows a reader takes raw data from.
NEW, RAW, TO_INDEX, INDEX, TO_DELETE, NEW_MERGE, NEW_INDEX, BACKUP = range(8)
FILE_TYPE_NAMES = ["NEW", "RAW", "TO_INDEX", "INDEX", "TO_DELETE", "NEW_MERGE", "NEW_INDEX", "BACKUP"]
RAW_DATA_TYPES = (RAW, TO_INDEX, BACKUP)
# Tables.metric_type in Milvus numbering (formats.md 2.5.4); 3..7 mean binary vectors.
METRIC_NAMES = {1: "L2", 2: "IP", 3: "HAMMING", 4: "JACCARD", 5: "TANIMOTO", 6: "SUBSTRUCTURE", 7: "SUPERSTRUCTURE"}
NO_USERID, HAS_USERID = 1, 2  # Tables.flag bits
BLOOM_MAGIC = 0x305F6D6F6F6C62  # "bloom_0\0" read as a little-endian int64 (1.1 bloom_filter header)
KNOWHERE_IVFFLAT = 2  # "old" knowhere IndexType at the head of an index file (formats.md 2.3.5)
MB = 1 << 20


def is_binary(metric):
    return metric >= 3


def row_bytes(dim, metric):
    return dim // 8 if is_binary(metric) else dim * 4


def blob(payload):
    """Every Milvus 1.x segment file: u64 num_bytes, then the payload."""
    return struct.pack("<Q", len(payload)) + payload


def write_file(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def bloom_filter_bytes(capacity):
    # 1.1 header (magic, u32 capacity, double error rate, u64 bitmap bytes); the bitmap is a placeholder that starts
    # with the scaling header {u64 max_id, u64 mem_seqnum} like dablooms' and is otherwise zero.
    bitmap = struct.pack("<QQ", 0, 1) + bytes(48)
    return struct.pack("<qIdQ", BLOOM_MAGIC, capacity, 0.01, len(bitmap)) + bitmap


def index_file_bytes(rows, dim):
    # DefaultVectorIndexFormat container: int32 index type, then (u64 name length, name, i64 blob length, blob)
    # entries. The "IVF" blob here is a placeholder, not a loadable Faiss index: readers must ignore index files.
    payload = b"SYNTHETIC IVF_FLAT PLACEHOLDER rows=%d dim=%d" % (rows, dim)
    out = struct.pack("<i", KNOWHERE_IVFFLAT)
    for name, data in ((b"IVF", payload), (b"meta", b'{"meta":[]}')):
        out += struct.pack("<Q", len(name)) + name + struct.pack("<q", len(data)) + data
    return out


class MilvusClock:
    """Timestamps in microseconds and ids like SafeIDGenerator (microseconds * 1000 + a counter)."""

    def __init__(self, start_us):
        self.us = start_us
        self.lsn = 0

    def advance(self, seconds):
        self.us += int(seconds * 1_000_000) + 17

    def next_id(self):
        self.us += 1
        return str(self.us * 1000)

    def next_lsn(self):
        self.lsn += 1031
        return self.lsn

    def date(self):
        # utils::GetDate(): tm_year * 10000 + tm_mon * 100 + tm_mday (years since 1900, month from 0)
        t = time.gmtime(self.us // 1_000_000)
        return (t.tm_year - 1900) * 10000 + (t.tm_mon - 1) * 100 + t.tm_mday


class Collection:
    """One Tables row (a collection or a partition) and the segments written for it."""

    def __init__(self, row, owner=None):
        self.row = row
        self.owner = owner
        self.segments = []  # dicts, see StorageBuilder.add_segment

    @property
    def name(self):
        return self.owner.row["table_id"] if self.owner else self.row["table_id"]

    @property
    def partition(self):
        return self.row["partition_tag"] if self.owner else "_default"

    @property
    def live(self):
        return self.row["state"] == 0 and (self.owner is None or self.owner.row["state"] == 0)


class StorageBuilder:
    def __init__(self, root, rng):
        self.root = root
        self.rng = rng
        self.clock = MilvusClock(START_US)
        self.tables = []  # Collection, in creation order (Tables.id)
        self.files = []  # TableFiles rows, in creation order (TableFiles.id)
        self.ignored = []  # what a reader must skip, for truth.json
        self.next_user_id = {}

    # -- Tables ---------------------------------------------------------------------------------------------------
    def add_collection(self, name, dim, metric, engine_type, index_params, index_file_size_mb, flag,
                       version=MILVUS_VERSION, state=0):
        self.clock.advance(3600)
        row = {
            "id": len(self.tables) + 1, "table_id": name, "state": state, "dimension": dim,
            "created_on": self.clock.us, "flag": flag, "index_file_size": index_file_size_mb * MB,
            "engine_type": engine_type, "index_params": index_params, "metric_type": metric,
            "owner_table": "", "partition_tag": "", "version": version, "flush_lsn": 0,
        }
        coll = Collection(row)
        self.tables.append(coll)
        return coll

    def add_partition(self, owner, tag, state=0):
        # CreatePartition copies the owner's schema; the request passes no name, so table_id is a generated number.
        self.clock.advance(60)
        row = dict(owner.row)
        row.update({"id": len(self.tables) + 1, "table_id": self.clock.next_id(), "state": state,
                    "created_on": self.clock.us, "owner_table": owner.row["table_id"], "partition_tag": tag,
                    "version": MILVUS_VERSION, "flush_lsn": 0})
        part = Collection(row, owner)
        self.tables.append(part)
        return part

    # -- data -----------------------------------------------------------------------------------------------------
    def make_ids(self, coll, n):
        owner = coll.owner or coll
        if owner.row["flag"] & NO_USERID:
            # Auto ids come from the same microsecond * 1000 + counter generator.
            base = self.clock.us * 1000
            return np.arange(base, base + n, dtype="<i8")
        start = self.next_user_id.get(owner.row["table_id"], 1000 + 100_000 * len(self.next_user_id))
        gaps = self.rng.integers(1, 40, size=n)
        ids = (start + np.cumsum(gaps)).astype("<i8")
        self.next_user_id[owner.row["table_id"]] = int(ids[-1]) + 1 if n else start
        return ids

    def make_vectors(self, coll, n):
        dim, metric = coll.row["dimension"], coll.row["metric_type"]
        if is_binary(metric):
            return self.rng.integers(0, 256, size=(n, dim // 8), dtype=np.uint8)
        return self.rng.standard_normal((n, dim)).astype("<f4")

    def add_segment(self, coll, rows, deleted=(), file_type=RAW, root=None, row_count=None, with_index=False,
                    data=None, note=None):
        """Writes one segment folder and its TableFiles row(s).

        deleted: row offsets as stored in deleted_docs (any order, duplicates allowed).
        row_count: meta row_count when it must disagree with physical - deleted (Milvus decrements it on delete).
        data: (ids, vectors) to reuse rows of another segment (a merge leaves its sources TO_DELETE).
        """
        self.clock.advance(45)
        segment_id = self.clock.next_id()
        ids, vectors = data if data is not None else (self.make_ids(coll, rows), self.make_vectors(coll, rows))
        ids, vectors = ids[:rows], vectors[:rows]
        deleted = np.asarray(deleted, dtype="<i4")
        live_rows = rows - len(set(deleted.tolist()))
        meta_rows = live_rows if row_count is None else row_count
        if file_type == NEW:
            meta_rows = 0  # a file still being written has no rows in meta yet
        base = root or self.root
        folder = os.path.join(base, "db", "tables", coll.row["table_id"], segment_id)
        write_file(os.path.join(folder, segment_id + ".rv"), blob(np.ascontiguousarray(vectors).tobytes()))
        write_file(os.path.join(folder, segment_id + ".uid"), blob(ids.astype("<i8").tobytes()))
        write_file(os.path.join(folder, "deleted_docs"), blob(deleted.tobytes()))
        write_file(os.path.join(folder, "bloom_filter"), bloom_filter_bytes(max(rows, 1)))
        lsn = self.clock.next_lsn()
        coll.row["flush_lsn"] = lsn
        self.add_file_row(coll, segment_id, segment_id, BACKUP if with_index else file_type,
                          0 if file_type == NEW else vectors.nbytes + ids.nbytes, meta_rows, lsn)
        segment = {"segment_id": segment_id, "file_type": self.files[-1]["file_type"], "folder": folder,
                   "ids": ids, "vectors": vectors, "deleted": deleted, "meta_row_count": meta_rows,
                   "physical_rows": rows, "live_rows": live_rows}
        if with_index:
            self.clock.advance(120)
            index_id = self.clock.next_id()
            data = index_file_bytes(rows, coll.row["dimension"])
            write_file(os.path.join(folder, index_id), data)
            self.add_file_row(coll, segment_id, index_id, INDEX, len(data), meta_rows, lsn)
            segment["index_file"] = index_id
        coll.segments.append(segment)
        if segment["file_type"] not in RAW_DATA_TYPES or not coll.live:
            self.ignored.append({
                "table_id": coll.row["table_id"], "segment_id": segment_id,
                "file_type": FILE_TYPE_NAMES[segment["file_type"]], "reason": note or "not read"})
        return segment

    def add_file_row(self, coll, segment_id, file_id, file_type, file_size, row_count, lsn):
        # file_size: raw rows count vector + id bytes without headers (VERIFIED on the real sample)
        self.files.append({
            "id": len(self.files) + 1, "table_id": coll.row["table_id"], "segment_id": segment_id,
            "engine_type": coll.row["engine_type"], "file_id": file_id, "file_type": file_type,
            "file_size": file_size, "row_count": row_count, "updated_time": self.clock.us,
            "created_on": self.clock.us, "date": self.clock.date(), "flush_lsn": lsn,
        })

    # -- meta -----------------------------------------------------------------------------------------------------
    def meta_rows(self):
        return {
            "Environment": [{"global_lsn": self.clock.lsn}],
            "Tables": [c.row for c in self.tables],
            "TableFiles": self.files,
            "Fields": [],  # only the 0.11 "hybrid" collections used it; 1.x leaves it empty
        }

    def write_sqlite(self):
        path = os.path.join(self.root, "db", "meta.sqlite")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        con = sqlite3.connect(path)
        con.execute("pragma journal_mode = WAL")
        for table in SQLITE_CREATE_ORDER:
            fields = ",".join("%s %s" % (name, sqlite) for name, sqlite, _ in SCHEMA[table])
            con.execute("CREATE TABLE IF NOT EXISTS %s(%s);" % (table, fields))
        for table, rows in self.meta_rows().items():
            cols = [f[0] for f in SCHEMA[table]]
            for row in rows:
                con.execute("INSERT INTO %s VALUES(%s)" % (table, ",".join("?" * len(cols))),
                            [row[c] for c in cols])
        con.commit()
        con.close()  # the last connection checkpoints and removes meta.sqlite-wal / -shm
        return path

    def write_mysql(self, path):
        lines = ["-- Milvus 1.x meta (MySQL backend) matching storage/db/meta.sqlite row for row. SYNTHETIC: written",
                 "-- by make_fixtures.py with the DDL of MySQLMetaImpl.cpp. Load into an empty database."]
        for table in MYSQL_CREATE_ORDER:
            fields = ",".join("%s %s" % (name, mysql) for name, _, mysql in SCHEMA[table])
            lines.append("CREATE TABLE IF NOT EXISTS %s (%s);" % (table, fields))
        for table, rows in self.meta_rows().items():
            cols = [f[0] for f in SCHEMA[table]]
            for row in rows:
                values = ", ".join(mysql_literal(row[c]) for c in cols)
                lines.append("INSERT INTO %s (%s) VALUES (%s);" % (table, ", ".join(cols), values))
        write_file(path, ("\n".join(lines) + "\n").encode("utf-8"))


def mysql_literal(value):
    if isinstance(value, int):
        return str(value)
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"


# ---------------------------------------------------------------------------------------------------------------
def build_small(builder, secondary_root):
    b = builder

    # float_coll: IVF_FLAT collection with user ids. Default partition: a RAW segment (built by merging the TO_DELETE
    # one), an indexed segment (BACKUP raw row + INDEX row and file), a segment on the secondary path, a NEW file.
    flt = b.add_collection("float_coll", 16, 1, 2, '{"nlist":1024}', 1024, HAS_USERID)
    merged_away = b.add_segment(flt, 10, file_type=TO_DELETE, note="TO_DELETE: merged into the next RAW segment")
    merged = b.add_segment(flt, 30, data=(
        np.concatenate([merged_away["ids"], b.make_ids(flt, 20)]),
        np.concatenate([merged_away["vectors"], b.make_vectors(flt, 20)])))
    # Bit patterns a float conversion could lose: -0.0, the smallest subnormal, the largest float32.
    merged["vectors"][25, :3] = np.array([-0.0, 1e-45, 3.4028235e38], dtype="<f4")
    rewrite_rv(merged)
    b.add_segment(flt, 40, deleted=[33, 5, 17], with_index=True)
    b.add_segment(flt, 12, deleted=[0], root=secondary_root)
    b.add_segment(flt, 8, file_type=NEW, note="NEW: a flush still in progress")

    tag_a = b.add_partition(flt, "tag_a")
    b.add_segment(tag_a, 50, deleted=[41, 3, 27, 3, 49, 0])  # unsorted, 3 twice, first and last row
    # TO_INDEX, and meta row_count not decremented for its deletion: the reader warns and trusts the files.
    b.add_segment(tag_a, 24, deleted=[10], file_type=TO_INDEX, row_count=24)
    b.add_partition(flt, "empty_part")
    dropped = b.add_partition(flt, "dropped_part", state=1)
    b.add_segment(dropped, 6, file_type=TO_DELETE, note="partition dropped (Tables.state = 1)")

    # bin_coll: binary vectors (64 bits = 8 bytes per row), JACCARD, both segments with deletions.
    binc = b.add_collection("bin_coll", 64, 4, 9, "{}", 512, HAS_USERID)
    b.add_segment(binc, 20, deleted=[19, 2])
    b.add_segment(binc, 16, deleted=[7])

    # ip_coll: a flat IP collection from 0.10 with auto ids, and a partition tag that Milvus 2.x refuses.
    ipc = b.add_collection("ip_coll", 8, 2, 1, "{}", 16, NO_USERID, version="0.10.6")
    b.add_segment(ipc, 10)
    odd = b.add_partition(ipc, "tag-1 x")
    b.add_segment(odd, 7, deleted=[6])

    # A dropped collection whose segment rows are still RAW: DropCollections sets Tables.state = 1 and marks the
    # files TO_DELETE in a second transaction, so this is the window between the two (or a crash in it).
    old = b.add_collection("old_coll", 4, 1, 1, "{}", 1024, HAS_USERID, state=1)
    b.add_segment(old, 5, note="collection dropped (Tables.state = 1)")


def rewrite_rv(segment):
    path = os.path.join(segment["folder"], segment["segment_id"] + ".rv")
    write_file(path, blob(np.ascontiguousarray(segment["vectors"]).tobytes()))


def reference_digest(vectors_path, row_size, ids_path):
    """Runs the project's reference implementation (reference_digest.py) on the truth files."""
    spec = importlib.util.spec_from_file_location("reference_digest", REFERENCE_DIGEST)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    saved, out = sys.argv, io.StringIO()
    sys.argv = [REFERENCE_DIGEST, vectors_path, str(row_size), ids_path, "int"]
    try:
        with contextlib.redirect_stdout(out):
            module.main()
    finally:
        sys.argv = saved
    digest, vectors_digest, rows = out.getvalue().split()
    return digest, vectors_digest, int(rows)


def write_truth(builder, out_dir, secondary_root):
    truth_dir = os.path.join(out_dir, "truth")
    os.makedirs(truth_dir)
    datasets, warnings = [], []
    live = [c for c in builder.tables if c.live]
    # Listing order: collection name, then _default, then partition tags (ordinal). Tests should match by name.
    live.sort(key=lambda c: (c.name, c.owner is not None, c.partition))
    for coll in live:
        row = coll.row
        metric, dim = row["metric_type"], row["dimension"]
        size = row_bytes(dim, metric)
        segments = sorted((s for s in coll.segments if s["file_type"] in RAW_DATA_TYPES),
                          key=lambda s: int(s["segment_id"]))
        ids_parts, vector_parts, seg_entries = [], [], []
        for s in segments:
            keep = np.ones(s["physical_rows"], dtype=bool)
            keep[s["deleted"]] = False
            ids_parts.append(s["ids"][keep])
            vector_parts.append(np.ascontiguousarray(s["vectors"][keep]))
            seg_entries.append({
                "segment_id": s["segment_id"], "file_type": FILE_TYPE_NAMES[s["file_type"]],
                "folder": os.path.relpath(s["folder"], out_dir), "physical_rows": s["physical_rows"],
                "deleted_offsets": s["deleted"].tolist(), "rows": int(keep.sum()),
                "meta_row_count": s["meta_row_count"], "index_file": s.get("index_file")})
            if s["meta_row_count"] != keep.sum():
                warnings.append({"kind": "row_count_mismatch", "dataset": "%s/%s" % (coll.name, coll.partition),
                                 "folder": seg_entries[-1]["folder"], "meta_row_count": s["meta_row_count"],
                                 "physical_rows": s["physical_rows"], "deleted_rows": len(set(s["deleted"].tolist())),
                                 "rows_read": int(keep.sum())})
        ids = np.concatenate(ids_parts) if ids_parts else np.zeros(0, dtype="<i8")
        vectors = b"".join(v.tobytes() for v in vector_parts)
        ids_file = os.path.join("truth", row["table_id"] + ".ids")
        vectors_file = os.path.join("truth", row["table_id"] + ".vectors")
        write_file(os.path.join(out_dir, ids_file), ids.astype("<i8").tobytes())
        write_file(os.path.join(out_dir, vectors_file), vectors)
        digest, vectors_digest, rows = reference_digest(
            os.path.join(out_dir, vectors_file), size, os.path.join(out_dir, ids_file))
        assert rows == len(ids) == len(vectors) // size, (coll.name, coll.partition)
        datasets.append({
            "name": "%s/%s" % (coll.name, coll.partition), "collection": coll.name, "partition": coll.partition,
            "table_id": row["table_id"], "dim": dim, "metric": METRIC_NAMES[metric], "metric_type": metric,
            "vector_type": "binary" if is_binary(metric) else "float32", "row_bytes": size, "rows": rows,
            "has_ids": True, "engine_type": row["engine_type"], "index_params": json.loads(row["index_params"]),
            "index_file_size_mb": row["index_file_size"] // MB, "digest": digest, "vectors_digest": vectors_digest,
            "ids_file": ids_file, "vectors_file": vectors_file, "segments": seg_entries})
    truth = {
        "synthetic": "Built by make_fixtures.py from the Milvus 1.x schema and file layouts (formats.md part 2); "
                     "no public meta.sqlite from a real Milvus exists.",
        "storage": "storage",
        "secondary_paths": [os.path.relpath(secondary_root, out_dir)],
        "mysql_script": "storage.mysql.sql",
        "reading_order": "segments by numeric segment_id ascending (file types RAW, TO_INDEX, BACKUP), rows by "
                         "offset ascending, deleted offsets removed",
        "datasets": datasets,
        "warnings": warnings,
        "ignored_segments": builder.ignored,
    }
    write_file(os.path.join(out_dir, "truth.json"), (json.dumps(truth, indent=2) + "\n").encode("utf-8"))
    return truth


def small(out_dir):
    for name in ("storage", "storage-secondary", "truth"):
        shutil.rmtree(os.path.join(out_dir, name), ignore_errors=True)
    rng = np.random.default_rng(SEED)
    builder = StorageBuilder(os.path.join(out_dir, "storage"), rng)
    secondary = os.path.join(out_dir, "storage-secondary")
    build_small(builder, secondary)
    builder.write_sqlite()
    builder.write_mysql(os.path.join(out_dir, "storage.mysql.sql"))
    truth = write_truth(builder, out_dir, secondary)
    for d in truth["datasets"]:
        print("%-22s %-8s dim %-3d %-8s rows %-4d digest %s" % (
            d["name"], d["vector_type"], d["dim"], d["metric"], d["rows"], d["digest"]))


# ---------------------------------------------------------------------------------------------------------------
def large(rows, dim, out_dir, chunk_rows=65536, segment_bytes=128 * MB):
    """Streams one float32 L2 collection `bench_coll` of `rows` rows into out_dir (a storage folder).

    Segments hold at most segment_bytes of vectors; each gets three deletions. Rows are generated, written and
    hashed chunk by chunk, so memory stays near one chunk whatever the size.
    """
    if os.path.exists(os.path.join(out_dir, "db")):
        sys.exit("make_fixtures.py: %s already holds a db/ folder" % out_dir)
    rng = np.random.default_rng(SEED)
    builder = StorageBuilder(out_dir, rng)
    coll = builder.add_collection("bench_coll", dim, 1, 1, "{}", 1024, HAS_USERID)
    per_segment = max(1, segment_bytes // (dim * 4))
    digest_sum = vectors_sum = live_total = 0
    next_id = 1
    written = 0
    while written < rows:
        n = min(per_segment, rows - written)
        deleted = np.array(sorted({1 % n, n // 2, n - 1}), dtype="<i4")
        builder.clock.advance(45)
        segment_id = builder.clock.next_id()
        folder = os.path.join(out_dir, "db", "tables", "bench_coll", segment_id)
        os.makedirs(folder)
        deleted_set = set(deleted.tolist())
        with open(os.path.join(folder, segment_id + ".rv"), "wb") as rv, \
                open(os.path.join(folder, segment_id + ".uid"), "wb") as uid:
            rv.write(struct.pack("<Q", n * dim * 4))
            uid.write(struct.pack("<Q", n * 8))
            for start in range(0, n, chunk_rows):
                m = min(chunk_rows, n - start)
                vectors = rng.standard_normal((m, dim), dtype=np.float32)
                ids = np.arange(next_id, next_id + m, dtype="<i8")
                next_id += m
                rv.write(vectors.tobytes())
                uid.write(ids.tobytes())
                for offset in range(m):
                    if start + offset in deleted_set:
                        continue
                    vb = vectors[offset].tobytes()
                    # digest-v1 (digest-v1.md), summed as the rows stream past
                    digest_sum += int.from_bytes(hashlib.sha256(ids[offset].tobytes() + vb).digest()[:16], "little")
                    vectors_sum += int.from_bytes(hashlib.sha256(vb).digest()[:16], "little")
        write_file(os.path.join(folder, "deleted_docs"), blob(deleted.tobytes()))
        write_file(os.path.join(folder, "bloom_filter"), bloom_filter_bytes(n))
        live = n - len(deleted)
        live_total += live
        lsn = builder.clock.next_lsn()
        coll.row["flush_lsn"] = lsn
        builder.add_file_row(coll, segment_id, segment_id, RAW, n * (dim * 4 + 8), live, lsn)
        written += n
        print("segment %s: %d rows (%d of %d)" % (segment_id, n, written, rows), file=sys.stderr)
    builder.write_sqlite()
    mod = 1 << 128
    truth = {"collection": "bench_coll", "partition": "_default", "dim": dim, "metric": "L2",
             "vector_type": "float32", "physical_rows": rows, "rows": live_total,
             "digest": (digest_sum % mod).to_bytes(16, "little").hex(),
             "vectors_digest": (vectors_sum % mod).to_bytes(16, "little").hex()}
    write_file(os.path.join(out_dir, "truth.json"), (json.dumps(truth, indent=2) + "\n").encode("utf-8"))
    print(json.dumps(truth))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=HERE, help="folder for the small fixtures (default: this folder)")
    parser.add_argument("--large", nargs=3, metavar=("ROWS", "DIM", "OUT_DIR"),
                        help="stream one big float collection into OUT_DIR instead")
    args = parser.parse_args()
    if args.large:
        large(int(args.large[0]), int(args.large[1]), os.path.abspath(args.large[2]))
    else:
        small(os.path.abspath(args.out))


if __name__ == "__main__":
    main()
