// Interop check with the official Node SDK against the milvusdm test server.
// Usage: node interop.js SDK_DIR HOST:PORT READ_COLLECTION WRITE_COLLECTION
// 1. describes READ_COLLECTION (written by milvusdm) and queries every row back;
// 2. creates WRITE_COLLECTION with the SDK and inserts three rows, for milvusdm to read.
// Prints one JSON object on stdout.
'use strict';
const path = require('path');
const [dir, address, readName, writeName] = process.argv.slice(2);
const { MilvusClient, DataType } = require(path.join(dir, 'node_modules', '@zilliz', 'milvus2-sdk-node'));

(async () => {
  const client = new MilvusClient({ address, ssl: false });
  const described = await client.describeCollection({ collection_name: readName });
  if (described.status.error_code !== 'Success') throw new Error('describe: ' + JSON.stringify(described.status));
  const rows = await client.query({ collection_name: readName, expr: 'id >= 0', output_fields: ['id', 'embedding'], limit: 16384 });
  if (rows.status.error_code !== 'Success') throw new Error('query: ' + JSON.stringify(rows.status));

  const created = await client.createCollection({
    collection_name: writeName,
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true, autoID: false },
      { name: 'embedding', data_type: DataType.FloatVector, dim: 4 },
    ],
  });
  if (created.error_code !== 'Success') throw new Error('create: ' + JSON.stringify(created));
  const inserted = await client.insert({
    collection_name: writeName,
    data: [
      { id: 7, embedding: [1, 2, 3, 4] },
      { id: 3, embedding: [0.5, -1.5, 2.25, 8] },
      { id: 11, embedding: [-0, 1e-3, 65504, -2] },
    ],
  });
  if (inserted.status.error_code !== 'Success') throw new Error('insert: ' + JSON.stringify(inserted.status));

  process.stdout.write(JSON.stringify({
    fields: described.schema.fields.map(f => ({ name: f.name, data_type: f.data_type, is_primary_key: f.is_primary_key, autoID: f.autoID, dim: f.dim ?? (f.type_params || []).find(p => p.key === 'dim')?.value })),
    rows: rows.data.map(r => ({ id: String(r.id), embedding: r.embedding })),
    insert_cnt: String(inserted.insert_cnt),
  }));
  client.closeConnection && client.closeConnection();
})().catch(e => { console.error(e && e.stack || e); process.exit(1); });
