using Google.Protobuf;
using Google.Protobuf.Collections;
using MilvusDm.Plugins.Milvus.Protos.Common;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using MilvusDm.Plugins.Milvus.Protos.Schema;

namespace MilvusDm.Milvus.TestServer;

/// <summary>Insert, Upsert, Flush and Query.</summary>
public sealed partial class InMemoryMilvus
{
    private const int MaxQueryResultWindow = 16384;

    private IMessage Insert(InsertRequest request, string headerDb) =>
        Write(Db(request.DbName, headerDb), request.CollectionName, request.PartitionName, request.FieldsData, request.NumRows, upsert: false);

    private IMessage Upsert(UpsertRequest request, string headerDb) =>
        Write(Db(request.DbName, headerDb), request.CollectionName, request.PartitionName, request.FieldsData, request.NumRows, upsert: true);

    private MutationResult Write(string db, string collectionName, string partition, RepeatedField<FieldData> columns, uint numRows, bool upsert)
    {
        lock (_gate)
        {
            var c = Collection(db, collectionName);
            if (c.HasPartitionKey && !string.IsNullOrEmpty(partition))
            {
                throw MilvusError.InvalidParameter("not support manually specifying the partition names if partition key mode is used");
            }

            partition = string.IsNullOrEmpty(partition) ? "_default" : partition;
            if (!c.HasPartitionKey && !c.Partitions.ContainsKey(partition))
            {
                throw MilvusError.PartitionNotFound(partition);
            }

            int rows = checked((int)numRows);
            if (CountOnly)
            {
                return CountOnlyWrite(c, columns, rows, upsert);
            }

            var pkField = c.PrimaryField;
            var decoded = new Dictionary<string, object?[]>(StringComparer.Ordinal);
            foreach (var column in columns)
            {
                var field = column.IsDynamic || column.FieldName == "$meta"
                    ? c.Schema.Fields.FirstOrDefault(f => f.IsDynamic)
                        ?? throw MilvusError.InvalidParameter("dynamic field ($meta) sent to a collection without enable_dynamic_field")
                    : c.Field(column.FieldName) ?? throw MilvusError.InvalidParameter($"field {column.FieldName} does not exist in collection {c.Name}");
                if (pkField.AutoID && field.IsPrimaryKey && !upsert)
                {
                    throw MilvusError.InvalidParameter($"the primary key field {field.Name} is auto id, do not send its data");
                }

                decoded[field.Name] = ColumnCodec.Decode(column, field, rows);
            }

            foreach (var field in c.Schema.Fields)
            {
                bool optional = field.IsDynamic || field.Nullable || field.DefaultValue is not null || (field.IsPrimaryKey && field.AutoID);
                if (!decoded.ContainsKey(field.Name) && !optional)
                {
                    throw MilvusError.InvalidParameter($"field {field.Name} is missing in the insert request");
                }
            }

            ulong ts = Clock.Next();
            var ids = new List<object>(rows);
            for (int i = 0; i < rows; i++)
            {
                object pk = decoded.TryGetValue(pkField.Name, out var pks) ? pks[i]! : c.NextAutoId++;
                if (pk is string text && text.Length > MaxLength(pkField))
                {
                    throw MilvusError.InvalidParameter($"the length ({text.Length}) of the primary key exceeds max_length ({MaxLength(pkField)})");
                }

                var values = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (name, column) in decoded)
                {
                    values[name] = column[i];
                }

                foreach (var field in c.Schema.Fields.Where(f => f.DefaultValue is not null && values.GetValueOrDefault(f.Name) is null))
                {
                    values[field.Name] = ColumnCodec.DefaultOf(field); // a missing or null value takes the field's default
                }

                values[pkField.Name] = pk;
                var row = new StoredRow(pk, c.HasPartitionKey ? PartitionByKey(c, values) : partition, ts, values);
                if (upsert || !c.Rows.TryGetValue(pk, out var list))
                {
                    c.Rows[pk] = [row];
                }
                else
                {
                    list.Add(row); // Milvus does not de-duplicate inserts: this is a duplicate entity.
                }

                ids.Add(pk);
            }

            var keys = pkField.DataType == DataType.VarChar
                ? new IDs { StrId = new StringArray { Data = { ids.Cast<string>() } } }
                : new IDs { IntId = new LongArray { Data = { ids.Cast<long>() } } };
            return Mutated(keys, ts, rows, upsert);
        }
    }

    /// <summary>The answer to an Insert or Upsert of <paramref name="rows"/> rows that all succeeded.</summary>
    private static MutationResult Mutated(IDs keys, ulong timestamp, int rows, bool upsert)
    {
        var result = new MutationResult { Status = new Status(), IDs = keys, Timestamp = timestamp };
        result.SuccIndex.AddRange(Enumerable.Range(0, rows).Select(i => (uint)i));
        if (upsert)
        {
            result.UpsertCnt = rows;
        }
        else
        {
            result.InsertCnt = rows;
        }

        return result;
    }

    private IMessage Flush(FlushRequest request, string headerDb)
    {
        lock (_gate)
        {
            string db = Db(request.DbName, headerDb);
            var response = new FlushResponse { Status = new Status(), DbName = db };
            foreach (string name in request.CollectionNames)
            {
                var c = Collection(db, name);
                response.CollSegIDs[name] = new LongArray { Data = { c.Id + 7 } };
                response.FlushCollSegIDs[name] = new LongArray();
                response.CollFlushTs[name] = Clock.Next();
                response.CollSealTimes[name] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            }

            return response;
        }
    }

    private IMessage Query(QueryRequest request, string headerDb)
    {
        lock (_gate)
        {
            var c = Collection(Db(request.DbName, headerDb), request.CollectionName);
            if (c.LoadState != LoadState.Loaded)
            {
                throw MilvusError.NotLoaded(c.Name);
            }

            var parameters = request.QueryParams.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            long? limit = parameters.TryGetValue("limit", out string? l) ? long.Parse(l, System.Globalization.CultureInfo.InvariantCulture) : null;
            long offset = parameters.TryGetValue("offset", out string? o) ? long.Parse(o, System.Globalization.CultureInfo.InvariantCulture) : 0;
            bool iterator = parameters.TryGetValue("iterator", out string? it) && bool.TryParse(it, out bool b) && b;
            if (parameters.TryGetValue("collection_id", out string? cid) && cid != Text(c.Id))
            {
                throw MilvusError.InvalidParameter("collection id has changed, alias or database may have changed");
            }

            bool countOnly = request.OutputFields.Count == 1 && request.OutputFields[0] == "count(*)";
            if (string.IsNullOrWhiteSpace(request.Expr) && limit is null && !countOnly)
            {
                throw MilvusError.InvalidParameter("empty expression should be used with limit");
            }

            if (limit is not null && limit + offset > MaxQueryResultWindow)
            {
                throw MilvusError.InvalidParameter($"invalid max query result window, (offset+limit) should be in range [1, {MaxQueryResultWindow}]");
            }

            var filter = QueryExpression.Compile(request.Expr, c.PrimaryField.Name, c.PrimaryField.DataType == DataType.VarChar);
            var partitions = request.PartitionNames.Count == 0 ? null : request.PartitionNames.ToHashSet(StringComparer.Ordinal);
            foreach (string p in request.PartitionNames)
            {
                if (!c.Partitions.ContainsKey(p))
                {
                    throw MilvusError.PartitionNotFound(p);
                }
            }

            // A pinned iterator snapshot hides rows written after it (MVCC).
            ulong snapshot = iterator && request.GuaranteeTimestamp > 2 ? request.GuaranteeTimestamp : ulong.MaxValue;
            var response = new QueryResults { Status = new Status(), CollectionName = c.Name, PrimaryFieldName = c.PrimaryField.Name };
            if (iterator && request.GuaranteeTimestamp == 0)
            {
                response.SessionTs = Clock.Next();
            }

            IEnumerable<StoredRow> Visible(bool allCopies) => c.Rows
                .Where(kv => filter(kv.Key))
                .SelectMany(kv => allCopies ? kv.Value : kv.Value.TakeLast(1))
                .Where(r => (partitions is null || partitions.Contains(r.Partition)) && r.Timestamp <= snapshot);

            if (countOnly)
            {
                // Like Milvus before compaction, duplicate inserts of a pk are all counted.
                response.FieldsData.Add(new FieldData
                {
                    Type = DataType.Int64,
                    FieldName = "count(*)",
                    Scalars = new ScalarField { LongData = new LongArray { Data = { Visible(allCopies: true).LongCount() + c.CountedRows } } },
                });
                response.OutputFields.Add("count(*)");
                return response;
            }

            var rows = Visible(allCopies: false).Skip((int)offset).Take((int)(limit ?? int.MaxValue)).ToList();
            foreach (var field in OutputFields(c, request.OutputFields))
            {
                response.FieldsData.Add(ColumnCodec.Encode(field, rows));
                response.OutputFields.Add(field.Name);
            }

            return response;
        }
    }

    /// <summary>The partition a partition-key value hashes to (a stable stand-in for Milvus's murmur3).</summary>
    private static string PartitionByKey(StoredCollection c, Dictionary<string, object?> values)
    {
        object? key = values.GetValueOrDefault(c.Schema.Fields.First(f => f.IsPartitionKey).Name);
        ulong hash = key switch
        {
            long l => (ulong)l,
            int n => (ulong)n,
            string text => System.Text.Encoding.UTF8.GetBytes(text).Aggregate(14695981039346656037UL, (h, b) => (h ^ b) * 1099511628211UL),
            _ => 0,
        };
        return $"_default_{hash % (ulong)c.Partitions.Count}";
    }

    private static int MaxLength(FieldSchema field) =>
        field.TypeParams.FirstOrDefault(p => p.Key == "max_length") is { } p ? int.Parse(p.Value, System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue;

    private static List<FieldSchema> OutputFields(StoredCollection c, RepeatedField<string> requested)
    {
        var result = new List<FieldSchema> { c.PrimaryField };
        foreach (string name in requested)
        {
            IEnumerable<FieldSchema> fields = name == "*"
                ? c.Schema.Fields
                : [c.Field(name) ?? throw MilvusError.InvalidParameter($"field {name} not exist")];
            foreach (var field in fields)
            {
                if (!result.Contains(field))
                {
                    result.Add(field);
                }
            }
        }

        return result;
    }
}
