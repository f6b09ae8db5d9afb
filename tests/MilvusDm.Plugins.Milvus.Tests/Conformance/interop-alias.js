// Alias interop with the official Node SDK against the milvusdm test server (mode replace relies on these RPCs).
// Usage: node interop-alias.js SDK_DIR HOST:PORT ALIAS OTHER_COLLECTION
// 1. describes ALIAS (made by milvusdm's mode replace) and queries every row through it;
// 2. createAlias / alterAlias / dropAlias / renameCollection with the SDK, reporting what each step resolved to.
// Prints one JSON object on stdout.
'use strict';
const path = require('path');
const [dir, address, alias, other] = process.argv.slice(2);
const { MilvusClient } = require(path.join(dir, 'node_modules', '@zilliz', 'milvus2-sdk-node'));

const ok = (what, status) => {
  const s = status.status || status;
  if (s.error_code !== 'Success') throw new Error(what + ': ' + JSON.stringify(s));
};

(async () => {
  const client = new MilvusClient({ address, ssl: false });
  const described = await client.describeCollection({ collection_name: alias });
  ok('describe', described);
  const rows = await client.query({ collection_name: alias, expr: 'id >= 0', output_fields: ['id'], limit: 16384 });
  ok('query', rows);

  ok('createAlias', await client.createAlias({ collection_name: other, alias: 'sdk_view' }));
  const viaCreated = await client.describeCollection({ collection_name: 'sdk_view' });
  ok('describe sdk_view', viaCreated);
  ok('alterAlias', await client.alterAlias({ collection_name: described.collection_name, alias: 'sdk_view' }));
  const viaAltered = await client.describeCollection({ collection_name: 'sdk_view' });
  ok('describe sdk_view again', viaAltered);
  ok('dropAlias', await client.dropAlias({ alias: 'sdk_view' }));
  const afterDrop = await client.hasCollection({ collection_name: 'sdk_view' });
  ok('renameCollection', await client.renameCollection({ collection_name: other, new_collection_name: other + '_renamed' }));
  const renamed = await client.hasCollection({ collection_name: other + '_renamed' });

  process.stdout.write(JSON.stringify({
    collection_name: described.collection_name,
    aliases: described.aliases,
    row_count: rows.data.length,
    created_resolves_to: viaCreated.collection_name,
    altered_resolves_to: viaAltered.collection_name,
    alias_exists_after_drop: afterDrop.value,
    renamed_exists: renamed.value,
  }));
  client.closeConnection && client.closeConnection();
})().catch(e => { console.error(e && e.stack || e); process.exit(1); });
