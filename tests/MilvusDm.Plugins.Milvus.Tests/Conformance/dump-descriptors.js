// Prints the SDK's protocol descriptors (dist/milvus/proto-json) as normalized JSON: every message with its fields
// (number, scalar type or resolved full type name, repeated, map key type, oneof), every enum, every service method.
// Usage: node dump-descriptors.js SDK_DIR [PROTO_FILE...]
// With PROTO_FILEs (relative to SDK_DIR/node_modules), those .proto files are parsed instead (the 1.x SDK ships .proto).
'use strict';
const path = require('path');
const dir = process.argv[2];
const protoFiles = process.argv.slice(3);
const modules = path.join(dir, 'node_modules');
const protobuf = require(path.join(modules, 'protobufjs'));
const sdk = path.join(modules, '@zilliz', 'milvus2-sdk-node', 'dist', 'milvus', 'proto-json');
const out = { messages: {}, enums: {}, services: {} };
const roots = () => {
  if (protoFiles.length > 0) return [new protobuf.Root().loadSync(protoFiles.map(f => path.join(modules, f)), { keepCase: true })];
  const found = [];
  for (const file of ['milvus.js', 'schema.js']) {
    let json;
    try { json = require(path.join(sdk, file)); } catch (e) { continue; }
    found.push(protobuf.Root.fromJSON(json.default || json));
  }
  return found;
};
for (const root of roots()) {
  root.resolveAll();
  const visit = (ns) => {
    for (const item of ns.nestedArray) {
      const name = item.fullName.replace(/^\./, '');
      if (item instanceof protobuf.Type) {
        const fields = {};
        for (const f of item.fieldsArray) {
          fields[f.name] = {
            id: f.id,
            type: f.resolvedType ? f.resolvedType.fullName.replace(/^\./, '') : f.type,
            repeated: f.repeated,
            map: f.map ? f.keyType : null,
            oneof: f.partOf ? f.partOf.name : null,
          };
        }
        out.messages[name] = { fields };
      } else if (item instanceof protobuf.Enum) {
        out.enums[name] = item.values;
      } else if (item instanceof protobuf.Service) {
        const methods = {};
        for (const m of item.methodsArray) {
          methods[m.name] = { request: m.resolvedRequestType.fullName.replace(/^\./, ''), response: m.resolvedResponseType.fullName.replace(/^\./, '') };
        }
        out.services[name] = methods;
      }
      if (item.nestedArray) visit(item);
    }
  };
  visit(root);
}
process.stdout.write(JSON.stringify(out));
