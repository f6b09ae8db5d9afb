#!/usr/bin/python3
"""The original-style baseline of benchmarks/milvus.sh: what the original MilvusDM (2.0 line, pymilvus_orm) did to
move a Faiss or HDF5 file into Milvus, with Debian's grpcio and protobuf instead of pymilvus.

  original_pipeline.py faiss|hdf5 SOURCE --target 127.0.0.1:PORT --proto-dir DIR [--collection bench] [--batch-rows N]

- reads the whole source into numpy: `faiss.read_index` + `reconstruct_n(0, ntotal)` (ids 0..n-1, as the original's
  F2M), or h5py's `embeddings` and `ids` datasets read whole;
- has/drop/create the collection with the original's schema (`id` INT64 primary, auto_id false; `embedding`
  FLOAT_VECTOR), then describes it (pymilvus_orm's set_collection);
- per batch of --batch-rows rows (default: 100,000 as the original, or the largest batch whose request stays under
  the server's 64 MiB limit): `.tolist()` of the ids and vectors, the vectors flattened into one Python list of
  floats and `extend`ed into the protobuf field (as pymilvus 2.0's entity_to_field_data), the InsertRequest
  serialized, then one unary `/milvus.proto.milvus.MilvusService/Insert` call at a time;
- Flush, then GetCollectionStatistics: the row count must equal the rows sent (exit 5 otherwise).

The message classes come from the project's own .proto files, compiled by Debian's `protoc --python_out` into
--proto-dir before the run (benchmarks/milvus.sh does it). Prints one JSON line with the time spent in each phase.
"""
import argparse
import json
import sys
import time

MAX_REQUEST_BYTES = 64 * 1024 * 1024   # the proxy's receive limit (milvus.yaml 2.3-2.6; the test server's too)
ORIGINAL_BATCH_ROWS = 100_000          # hard-coded in the original's data_to_milvus.py
SERVICE = "/milvus.proto.milvus.MilvusService/"


def largest_batch(dim):
    """The original's 100,000 rows when that fits under 64 MiB, else the most rows that do. A row costs its packed
    floats plus at most 10 bytes of varint key; 1 KiB covers the names, tags and length prefixes."""
    per_row = dim * 4 + 10
    return min(ORIGINAL_BATCH_ROWS, (MAX_REQUEST_BYTES - 1024) // per_row)


def read_source(kind, path):
    if kind == "faiss":
        import faiss
        import numpy
        index = faiss.read_index(path)
        vectors = index.reconstruct_n(0, index.ntotal)
        return vectors, numpy.arange(index.ntotal, dtype="int64")
    import h5py
    f = h5py.File(path, "r")
    return f["embeddings"][()], f["ids"][()]


class Milvus:
    """Unary calls on one grpc channel, requests serialized by the caller (so encoding is timed apart)."""

    def __init__(self, target, pb):
        import grpc
        self.pb = pb
        self.channel = grpc.insecure_channel(target, options=[
            ("grpc.max_send_message_length", -1), ("grpc.max_receive_message_length", MAX_REQUEST_BYTES)])

    def call(self, method, payload, response_type):
        rpc = self.channel.unary_unary(SERVICE + method, request_serializer=None, response_deserializer=response_type.FromString)
        response = rpc(payload, timeout=600)
        status = response if response_type is self.pb["common"].Status else response.status
        if status.error_code != 0 or status.code != 0:
            sys.exit(f"{method} failed: code {status.code}, {status.reason}")
        return response


def create_collection(milvus, pb, name, dim):
    m, s, c = pb["milvus"], pb["schema"], pb["common"]
    has = milvus.call("HasCollection", m.HasCollectionRequest(collection_name=name).SerializeToString(), m.BoolResponse)
    if has.value:  # mode overwrite: drop, then create
        milvus.call("DropCollection", m.DropCollectionRequest(collection_name=name).SerializeToString(), c.Status)
    schema = s.CollectionSchema(name=name, description="collection description")
    schema.fields.add(name="id", data_type=s.DataType.Value("Int64"), is_primary_key=True, autoID=False)
    vector = schema.fields.add(name="embedding", data_type=s.DataType.Value("FloatVector"))
    vector.type_params.add(key="dim", value=str(dim))
    request = m.CreateCollectionRequest(collection_name=name, schema=schema.SerializeToString(), shards_num=2)
    milvus.call("CreateCollection", request.SerializeToString(), c.Status)
    milvus.call("DescribeCollection", m.DescribeCollectionRequest(collection_name=name).SerializeToString(), m.DescribeCollectionResponse)


def insert_request(pb, name, ids, vectors):
    """One batch as pymilvus 2.0 built it: Python lists, the vectors flattened, then protobuf repeated fields."""
    m, s = pb["milvus"], pb["schema"]
    id_list = ids.tolist()
    rows = vectors.tolist()
    request = m.InsertRequest(collection_name=name, partition_name="_default", num_rows=len(id_list))
    keys = request.fields_data.add(field_name="id", type=s.DataType.Value("Int64"))
    keys.scalars.long_data.data.extend(id_list)
    column = request.fields_data.add(field_name="embedding", type=s.DataType.Value("FloatVector"))
    column.vectors.dim = len(rows[0])
    column.vectors.float_vector.data.extend([f for row in rows for f in row])
    return request


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=["faiss", "hdf5"])
    parser.add_argument("source")
    parser.add_argument("--target", required=True, help="host:port of the server (plaintext gRPC)")
    parser.add_argument("--proto-dir", required=True, help="where protoc --python_out wrote common_pb2.py, schema_pb2.py, milvus_pb2.py")
    parser.add_argument("--collection", default="bench")
    parser.add_argument("--batch-rows", type=int, default=0)
    args = parser.parse_args()
    sys.path.insert(0, args.proto_dir)
    import common_pb2
    import milvus_pb2
    import schema_pb2
    pb = {"common": common_pb2, "schema": schema_pb2, "milvus": milvus_pb2}

    started = time.perf_counter()
    vectors, ids = read_source(args.kind, args.source)
    read_s = time.perf_counter() - started
    count, dim = vectors.shape
    batch = args.batch_rows or largest_batch(dim)
    milvus = Milvus(args.target, pb)
    create_collection(milvus, pb, args.collection, dim)

    build_s = encode_s = send_s = 0.0
    largest = 0
    for start in range(0, count, batch):
        t0 = time.perf_counter()
        request = insert_request(pb, args.collection, ids[start:start + batch], vectors[start:start + batch])
        t1 = time.perf_counter()
        payload = request.SerializeToString()
        t2 = time.perf_counter()
        result = milvus.call("Insert", payload, milvus_pb2.MutationResult)
        t3 = time.perf_counter()
        build_s, encode_s, send_s = build_s + t1 - t0, encode_s + t2 - t1, send_s + t3 - t2
        largest = max(largest, len(payload))
        if result.insert_cnt != request.num_rows:
            sys.exit(f"Insert acknowledged {result.insert_cnt} of {request.num_rows} rows")
        del request, payload

    t0 = time.perf_counter()
    milvus.call("Flush", milvus_pb2.FlushRequest(collection_names=[args.collection]).SerializeToString(), milvus_pb2.FlushResponse)
    stats = milvus.call("GetCollectionStatistics",
                        milvus_pb2.GetCollectionStatisticsRequest(collection_name=args.collection).SerializeToString(),
                        milvus_pb2.GetCollectionStatisticsResponse)
    flush_s = time.perf_counter() - t0
    stored = int(next((kv.value for kv in stats.stats if kv.key == "row_count"), "0"))
    print(json.dumps({"rows": int(count), "dim": int(dim), "batch_rows": batch, "largest_request_bytes": largest,
                      "stored_rows": stored, "read_s": round(read_s, 3), "lists_and_fields_s": round(build_s, 3),
                      "serialize_s": round(encode_s, 3), "insert_calls_s": round(send_s, 3), "flush_and_count_s": round(flush_s, 3),
                      "total_s": round(time.perf_counter() - started, 3)}))
    if stored != count:
        sys.exit(5)


if __name__ == "__main__":
    main()
