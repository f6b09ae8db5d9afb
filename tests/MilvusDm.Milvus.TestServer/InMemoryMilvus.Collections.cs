using Google.Protobuf;
using MilvusDm.Plugins.Milvus.Protos.Common;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using MilvusDm.Plugins.Milvus.Protos.Schema;

namespace MilvusDm.Milvus.TestServer;

/// <summary>Collection, partition, alias, index and load RPCs.</summary>
public sealed partial class InMemoryMilvus
{
    private IMessage CreateCollection(CreateCollectionRequest request, string headerDb)
    {
        var schema = CollectionSchema.Parser.ParseFrom(request.Schema);
        if (schema.Name != request.CollectionName)
        {
            throw MilvusError.InvalidParameter($"schema name {schema.Name} differs from collection name {request.CollectionName}");
        }

        var pks = schema.Fields.Where(f => f.IsPrimaryKey).ToList();
        if (pks.Count != 1 || pks[0].DataType is not (DataType.Int64 or DataType.VarChar))
        {
            throw MilvusError.InvalidParameter("the primary key must be exactly one Int64 or VarChar field");
        }

        if (pks[0].DataType == DataType.VarChar && pks[0].TypeParams.All(p => p.Key != "max_length"))
        {
            throw MilvusError.InvalidParameter($"type param(max_length) should be specified for the field({pks[0].Name})");
        }

        if (pks[0].DataType == DataType.VarChar && pks[0].AutoID)
        {
            throw MilvusError.InvalidParameter("the test server assigns autoID keys to Int64 primary keys only");
        }

        foreach (var field in schema.Fields)
        {
            if (field.IsDynamic)
            {
                throw MilvusError.InvalidParameter("cannot explicitly set a field as a dynamic field");
            }

            if (field.DataType is DataType.FloatVector or DataType.BinaryVector or DataType.Float16Vector or DataType.Bfloat16Vector
                && ColumnCodec.Dim(field) <= 0)
            {
                throw MilvusError.InvalidParameter($"dimension is not defined in field type params of {field.Name}");
            }

            if (field.DataType == DataType.BinaryVector && ColumnCodec.Dim(field) % 8 != 0)
            {
                throw MilvusError.InvalidParameter($"dimension of binary vector field {field.Name} must be a multiple of 8");
            }
        }

        lock (_gate)
        {
            var database = Database(Db(request.DbName, headerDb));
            if (database.Aliases.ContainsKey(request.CollectionName))
            {
                return new MilvusError(1601, ErrorCode.UnexpectedError, $"collection name [{request.CollectionName}] conflicts with an existing alias, please choose a unique name").ToStatus();
            }

            if (database.Collections.TryGetValue(request.CollectionName, out var existing))
            {
                var stored = existing.Schema.Clone();
                foreach (var f in stored.Fields)
                {
                    f.FieldID = 0;
                }

                RemoveDynamicField(stored);
                return stored.Equals(schema)
                    ? new Status()
                    : MilvusError.InvalidParameter("create duplicate collection with different parameters").ToStatus();
            }

            var copy = schema.Clone();
            long fieldId = 100;
            foreach (var f in copy.Fields)
            {
                f.FieldID = fieldId++;
            }

            if (copy.EnableDynamicField)
            {
                copy.Fields.Add(new FieldSchema { FieldID = fieldId, Name = "$meta", DataType = DataType.Json, IsDynamic = true });
            }

            var collection = new StoredCollection(NewId(), request.CollectionName, copy, Clock.Next())
            {
                ShardsNum = request.ShardsNum == 0 ? 1 : request.ShardsNum,
                ConsistencyLevel = request.ConsistencyLevel,
            };
            collection.Properties.AddRange(request.Properties);
            if (copy.Fields.Any(f => f.IsPartitionKey))
            {
                // Partition-key collections get num_partitions partitions _default_0.._default_{n-1} instead of _default.
                long count = request.NumPartitions > 0 ? request.NumPartitions : 16;
                collection.Partitions.Clear();
                for (int i = 0; i < count; i++)
                {
                    collection.Partitions.Add($"_default_{i}", NewId());
                }
            }

            database.Collections.Add(request.CollectionName, collection);
            return new Status();
        }
    }

    private IMessage DropCollection(DropCollectionRequest request, string headerDb)
    {
        lock (_gate)
        {
            var database = Database(Db(request.DbName, headerDb));
            if (database.Aliases.ContainsValue(request.CollectionName) || database.Aliases.ContainsKey(request.CollectionName))
            {
                return new MilvusError(1601, ErrorCode.UnexpectedError, "cannot drop the collection via alias or the collection still has aliases").ToStatus();
            }

            database.Collections.Remove(request.CollectionName);
            return new Status();
        }
    }

    private IMessage HasCollection(HasCollectionRequest request, string headerDb)
    {
        lock (_gate)
        {
            var database = Database(Db(request.DbName, headerDb));
            bool has = database.Collections.ContainsKey(request.CollectionName) || database.Aliases.ContainsKey(request.CollectionName);
            return new BoolResponse { Status = new Status(), Value = has };
        }
    }

    private IMessage DescribeCollection(DescribeCollectionRequest request, string headerDb)
    {
        lock (_gate)
        {
            string db = Db(request.DbName, headerDb);
            var c = request.CollectionID != 0 && string.IsNullOrEmpty(request.CollectionName)
                ? Database(db).Collections.Values.FirstOrDefault(x => x.Id == request.CollectionID)
                    ?? throw MilvusError.CollectionNotFound(db, request.CollectionID.ToString(System.Globalization.CultureInfo.InvariantCulture))
                : Collection(db, request.CollectionName);
            var schema = c.Schema.Clone();
            RemoveDynamicField(schema); // $meta is hidden, like 2.3+
            var response = new DescribeCollectionResponse
            {
                Status = new Status(),
                Schema = schema,
                CollectionID = c.Id,
                CollectionName = c.Name,
                CreatedTimestamp = c.CreatedTimestamp,
                CreatedUtcTimestamp = c.CreatedTimestamp >> 18,
                ShardsNum = c.ShardsNum,
                ConsistencyLevel = c.ConsistencyLevel,
                DbName = db,
                NumPartitions = c.Partitions.Count,
            };
            response.Aliases.AddRange(Database(db).Aliases.Where(a => a.Value == c.Name).Select(a => a.Key));
            response.Properties.AddRange(c.Properties);
            response.VirtualChannelNames.Add($"by-dev-rootcoord-dml_0_{c.Id}v0");
            return response;
        }
    }

    private IMessage ShowCollections(ShowCollectionsRequest request, string headerDb)
    {
        lock (_gate)
        {
            var response = new ShowCollectionsResponse { Status = new Status() };
            foreach (var c in Database(Db(request.DbName, headerDb)).Collections.Values)
            {
                response.CollectionNames.Add(c.Name);
                response.CollectionIds.Add(c.Id);
                response.CreatedTimestamps.Add(c.CreatedTimestamp);
                response.CreatedUtcTimestamps.Add(c.CreatedTimestamp >> 18);
                response.QueryServiceAvailable.Add(c.LoadState == LoadState.Loaded);
            }

            return response;
        }
    }

    private IMessage GetCollectionStatistics(GetCollectionStatisticsRequest request, string headerDb)
    {
        lock (_gate)
        {
            var c = Collection(Db(request.DbName, headerDb), request.CollectionName);
            return new GetCollectionStatisticsResponse
            {
                Status = new Status(),
                Stats = { new Plugins.Milvus.Protos.Common.KeyValuePair { Key = "row_count", Value = Text(c.RowCount) } },
            };
        }
    }

    private IMessage CreatePartition(CreatePartitionRequest request, string headerDb)
    {
        lock (_gate)
        {
            var c = Collection(Db(request.DbName, headerDb), request.CollectionName);
            if (c.HasPartitionKey)
            {
                return MilvusError.InvalidParameter("disable create partition if partition key mode is used").ToStatus();
            }

            c.Partitions.TryAdd(request.PartitionName, NewId());
            return new Status();
        }
    }

    private IMessage DropPartition(DropPartitionRequest request, string headerDb)
    {
        lock (_gate)
        {
            var c = Collection(Db(request.DbName, headerDb), request.CollectionName);
            if (request.PartitionName == "_default")
            {
                return MilvusError.InvalidParameter("default partition cannot be deleted").ToStatus();
            }

            if (c.LoadState != LoadState.NotLoad)
            {
                return new MilvusError(65535, ErrorCode.UnexpectedError, "partition cannot be dropped, partition is loaded, please release it first").ToStatus();
            }

            if (c.Partitions.Remove(request.PartitionName))
            {
                foreach (var pk in c.Rows.Keys.ToList())
                {
                    c.Rows[pk].RemoveAll(r => r.Partition == request.PartitionName);
                    if (c.Rows[pk].Count == 0)
                    {
                        c.Rows.Remove(pk);
                    }
                }
            }

            return new Status();
        }
    }

    private IMessage HasPartition(HasPartitionRequest request, string headerDb)
    {
        lock (_gate)
        {
            var c = Collection(Db(request.DbName, headerDb), request.CollectionName);
            return new BoolResponse { Status = new Status(), Value = c.Partitions.ContainsKey(request.PartitionName) };
        }
    }

    private IMessage ShowPartitions(ShowPartitionsRequest request, string headerDb)
    {
        lock (_gate)
        {
            var c = Collection(Db(request.DbName, headerDb), request.CollectionName);
            var response = new ShowPartitionsResponse { Status = new Status() };
            foreach (var (name, id) in c.Partitions)
            {
                response.PartitionNames.Add(name);
                response.PartitionIDs.Add(id);
                response.CreatedTimestamps.Add(c.CreatedTimestamp);
                response.CreatedUtcTimestamps.Add(c.CreatedTimestamp >> 18);
            }

            return response;
        }
    }

    private IMessage CreateIndex(CreateIndexRequest request, string headerDb)
    {
        lock (_gate)
        {
            var c = Collection(Db(request.DbName, headerDb), request.CollectionName);
            var field = c.Field(request.FieldName) ?? throw MilvusError.InvalidParameter($"field {request.FieldName} not found");
            string name = string.IsNullOrEmpty(request.IndexName) ? $"_default_idx_{field.FieldID}" : request.IndexName;
            var existing = c.Indexes.FirstOrDefault(i => i.FieldName == field.Name);
            if (existing is not null)
            {
                bool same = existing.IndexName == name && existing.Params.SequenceEqual(request.ExtraParams);
                return same ? new Status() : new MilvusError(702, ErrorCode.UnexpectedError, "at most one distinct index is allowed per field").ToStatus();
            }

            var description = new IndexDescription
            {
                IndexName = name,
                IndexID = NewId(),
                FieldName = field.Name,
                State = IndexState.Finished,
                IndexedRows = c.RowCount,
                TotalRows = c.RowCount,
            };
            description.Params.AddRange(request.ExtraParams);
            c.Indexes.Add(description);
            return new Status();
        }
    }

    private IMessage DescribeIndex(DescribeIndexRequest request, string headerDb)
    {
        lock (_gate)
        {
            var c = Collection(Db(request.DbName, headerDb), request.CollectionName);
            var matches = c.Indexes
                .Where(i => (string.IsNullOrEmpty(request.FieldName) || i.FieldName == request.FieldName)
                    && (string.IsNullOrEmpty(request.IndexName) || i.IndexName == request.IndexName))
                .ToList();
            if (matches.Count == 0)
            {
                throw MilvusError.IndexNotFound(c.Name);
            }

            var response = new DescribeIndexResponse { Status = new Status() };
            foreach (var index in matches)
            {
                var copy = index.Clone();
                copy.IndexedRows = copy.TotalRows = c.RowCount;
                response.IndexDescriptions.Add(copy);
            }

            return response;
        }
    }

    private IMessage LoadCollection(LoadCollectionRequest request, string headerDb)
    {
        lock (_gate)
        {
            var c = Collection(Db(request.DbName, headerDb), request.CollectionName);
            foreach (var vector in c.Schema.Fields.Where(f => f.DataType >= DataType.BinaryVector))
            {
                if (c.Indexes.All(i => i.FieldName != vector.Name))
                {
                    return new MilvusError(700, ErrorCode.IndexNotExist,
                        $"index not found[collection={c.Name}]: there is no vector index on field: [{vector.Name}], please create index firstly").ToStatus();
                }
            }

            if (c.LoadState != LoadState.Loaded)
            {
                c.LoadState = _options.LoadingPolls > 0 ? LoadState.Loading : LoadState.Loaded;
                c.LoadingPollsLeft = _options.LoadingPolls;
            }

            return new Status();
        }
    }

    private IMessage ReleaseCollection(ReleaseCollectionRequest request, string headerDb)
    {
        lock (_gate)
        {
            Collection(Db(request.DbName, headerDb), request.CollectionName).LoadState = LoadState.NotLoad;
            return new Status();
        }
    }

    private IMessage GetLoadState(GetLoadStateRequest request, string headerDb)
    {
        lock (_gate)
        {
            var c = Collection(Db(request.DbName, headerDb), request.CollectionName);
            if (c.LoadState == LoadState.Loading && --c.LoadingPollsLeft <= 0)
            {
                c.LoadState = LoadState.Loaded;
            }

            return new GetLoadStateResponse { Status = new Status(), State = c.LoadState };
        }
    }

    private IMessage CreateAlias(CreateAliasRequest request, string headerDb)
    {
        lock (_gate)
        {
            var database = Database(Db(request.DbName, headerDb));
            if (database.Collections.ContainsKey(request.Alias))
            {
                return new MilvusError(1601, ErrorCode.UnexpectedError, $"alias and collection name conflict[alias={request.Alias}]").ToStatus();
            }

            var c = Collection(database.Name, request.CollectionName);
            if (database.Aliases.TryGetValue(request.Alias, out string? target))
            {
                return target == c.Name
                    ? new Status()
                    : new MilvusError(1602, ErrorCode.UnexpectedError, $"alias exists and already aliased to another collection[alias={request.Alias}]").ToStatus();
            }

            database.Aliases[request.Alias] = c.Name;
            return new Status();
        }
    }

    private IMessage AlterAlias(AlterAliasRequest request, string headerDb)
    {
        lock (_gate)
        {
            var database = Database(Db(request.DbName, headerDb));
            if (!database.Aliases.ContainsKey(request.Alias))
            {
                return new MilvusError(1600, ErrorCode.UnexpectedError, $"alias not found[database={database.Name}][alias={request.Alias}]").ToStatus();
            }

            database.Aliases[request.Alias] = Collection(database.Name, request.CollectionName).Name;
            return new Status();
        }
    }

    private IMessage DropAlias(DropAliasRequest request, string headerDb)
    {
        lock (_gate)
        {
            Database(Db(request.DbName, headerDb)).Aliases.Remove(request.Alias);
            return new Status();
        }
    }

    private IMessage RenameCollection(RenameCollectionRequest request, string headerDb)
    {
        lock (_gate)
        {
            var database = Database(Db(request.DbName, headerDb));
            if (!string.IsNullOrEmpty(request.NewDBName) && request.NewDBName != database.Name)
            {
                return MilvusError.InvalidParameter("the test server renames within one database only").ToStatus();
            }

            if (!database.Collections.Remove(request.OldName, out var c))
            {
                return MilvusError.CollectionNotFound(database.Name, request.OldName).ToStatus();
            }

            if (database.Collections.ContainsKey(request.NewName) || database.Aliases.ContainsKey(request.NewName))
            {
                database.Collections.Add(request.OldName, c);
                return new MilvusError(65535, ErrorCode.UnexpectedError, $"duplicated new collection name {request.NewName} with other collection name or alias").ToStatus();
            }

            c.Name = request.NewName;
            c.Schema.Name = request.NewName;
            database.Collections.Add(request.NewName, c);
            foreach (string alias in database.Aliases.Where(a => a.Value == request.OldName).Select(a => a.Key).ToList())
            {
                database.Aliases[alias] = request.NewName;
            }

            return new Status();
        }
    }

    private static void RemoveDynamicField(CollectionSchema schema)
    {
        if (schema.Fields.FirstOrDefault(f => f.IsDynamic) is { } meta)
        {
            schema.Fields.Remove(meta);
        }
    }
}
