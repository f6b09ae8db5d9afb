// Interop check with the Milvus 1.x Node SDK (@zilliz/milvus-sdk-node) against the milvusdm test server in 1.x mode.
// Usage: node interop.js SDK_DIR HOST:PORT READ_COLLECTION WRITE_COLLECTION
// 1. asks Cmd("version"); creates WRITE_COLLECTION (dim 4, IP, index_file_size 16), partition p1, inserts three rows
//    with ids into p1 and flushes;
// 2. reads READ_COLLECTION back the way a 1.x client can: DescribeCollection, CountCollection, ShowCollectionInfo,
//    then GetVectorIDs per segment and GetVectorsByID for those ids.
// Prints one JSON object on stdout.
'use strict';
const path = require('path');
const [dir, address, readName, writeName] = process.argv.slice(2);
const dist = path.join(dir, 'node_modules', '@zilliz', 'milvus-sdk-node', 'dist');
const { MilvusNode } = require(path.join(dist, 'milvus'));
const { promisify } = require(path.join(dist, 'utils'));

const check = (what, reply) => {
  const status = reply.status || reply;
  if (status.error_code !== 'SUCCESS') throw new Error(what + ': ' + JSON.stringify(status));
  return reply;
};

(async () => {
  const sdk = new MilvusNode(address);
  const raw = sdk.milvusClient;
  const out = {};
  out.version = check('cmd', await promisify(raw, 'Cmd', { cmd: 'version' })).string_reply;

  check('create', await sdk.createCollection({ collection_name: writeName, dimension: 4, index_file_size: 16, metric_type: sdk.getMetricType().IP }));
  check('partition', await sdk.createPartition({ collection_name: writeName, tag: 'p1' }));
  const inserted = check('insert', await sdk.insert({
    collection_name: writeName,
    partition_tag: 'p1',
    record_type: 'float',
    records: [
      { id: 7, value: [1, 2, 3, 4] },
      { id: 3, value: [0.5, -1.5, 2.25, 8] },
      { id: 11, value: [-0, 1e-3, 65504, -2] },
    ],
  }));
  out.inserted_ids = inserted.vector_id_array;
  check('flush', await sdk.flush({ collection_name_array: [writeName] }));

  const schema = check('describe', await sdk.describeCollection({ collection_name: readName }));
  out.schema = { dimension: schema.dimension, index_file_size: schema.index_file_size, metric_type: schema.metric_type };
  out.count = check('count', await sdk.countCollection({ collection_name: readName })).collection_row_count;
  const info = JSON.parse(check('info', await sdk.showCollectionsInfo({ collection_name: readName })).json_info);
  out.rows = [];
  for (const partition of info.partitions) {
    for (const segment of partition.segments || []) {
      const ids = check('ids', await promisify(raw, 'GetVectorIDs', { collection_name: readName, segment_name: segment.name })).vector_id_array;
      const vectors = check('vectors', await sdk.getVectorsByID({ collection_name: readName, id_array: ids })).vectors_data;
      ids.forEach((id, i) => out.rows.push({ partition: partition.tag, segment: segment.name, id: String(id), vector: vectors[i].float_data }));
    }
  }

  process.stdout.write(JSON.stringify(out));
  raw.close();
})().catch(e => { console.error(e && e.stack || e); process.exit(1); });
