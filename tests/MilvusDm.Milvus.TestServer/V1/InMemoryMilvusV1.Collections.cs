using System.Text.Json.Nodes;
using MilvusDm.Plugins.Milvus.Protos.V1;

namespace MilvusDm.Milvus.TestServer.V1;

/// <summary>Collection and partition RPCs of the 1.x server.</summary>
public sealed partial class InMemoryMilvusV1
{
    private Status CreateCollection(CollectionSchema schema)
    {
        string name = schema.CollectionName;
        if (name.Length is 0 or > 255 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw V1Errors.Of(ErrorCode.IllegalCollectionName, $"Invalid collection name: {name}. The first character of a collection name must be an underscore or letter.");
        }

        if (schema.MetricType is < 1 or > 7)
        {
            throw V1Errors.Of(ErrorCode.IllegalMetricType, $"Invalid metric type: {schema.MetricType}");
        }

        bool binary = schema.MetricType >= 3;
        if (schema.Dimension is <= 0 or > 32768 || (binary && schema.Dimension % 8 != 0))
        {
            throw V1Errors.Of(ErrorCode.IllegalDimension,
                $"Invalid dimension: {schema.Dimension}. The dimension must be within the range of 1 ~ 32768{(binary ? " and a multiple of 8" : "")}.");
        }

        if (schema.IndexFileSize is <= 0 or > 4096)
        {
            throw V1Errors.IllegalArgument($"Invalid index file size: {schema.IndexFileSize}. The index file size must be within the range of 1 ~ 4096.");
        }

        lock (_gate)
        {
            if (_collections.ContainsKey(name))
            {
                throw V1Errors.IllegalArgument($"Collection {name} already exists");
            }

            _collections[name] = new V1Collection(name, schema.Dimension, schema.IndexFileSize, schema.MetricType);
            return Ok();
        }
    }

    private BoolReply HasCollection(CollectionName request)
    {
        lock (_gate)
        {
            return new BoolReply { Status = Ok(), BoolReply_ = _collections.ContainsKey(request.CollectionName_) };
        }
    }

    private CollectionSchema DescribeCollection(CollectionName request)
    {
        lock (_gate)
        {
            var c = Collection(request.CollectionName_);
            return new CollectionSchema { Status = Ok(), CollectionName = c.Name, Dimension = c.Dimension, IndexFileSize = c.IndexFileSize, MetricType = c.MetricType };
        }
    }

    private CollectionRowCount CountCollection(CollectionName request)
    {
        lock (_gate)
        {
            return new CollectionRowCount { Status = Ok(), CollectionRowCount_ = Collection(request.CollectionName_).PersistedRows };
        }
    }

    private CollectionNameList ShowCollections(Command request)
    {
        lock (_gate)
        {
            return new CollectionNameList { Status = Ok(), CollectionNames = { _collections.Keys.Order(StringComparer.Ordinal) } };
        }
    }

    /// <summary>The json_info layout of 1.x: rows per partition and per persisted segment; null segments when there are none.</summary>
    private CollectionInfo ShowCollectionInfo(CollectionName request)
    {
        lock (_gate)
        {
            var c = Collection(request.CollectionName_);
            int bytesPerRow = (int)(c.IsBinary ? c.Dimension / 8 : c.Dimension * 4);
            var partitions = new JsonArray();
            foreach (var p in c.Partitions)
            {
                JsonArray? segments = p.Segments.Count == 0 ? null : new JsonArray(p.Segments.Select(s => (JsonNode)new JsonObject
                {
                    ["data_size"] = s.Rows.Count * (long)(bytesPerRow + 8),
                    ["index_name"] = "IDMAP",
                    ["name"] = s.Name,
                    ["row_count"] = s.Rows.Count,
                }).ToArray());
                partitions.Add(new JsonObject { ["row_count"] = p.PersistedRows, ["segments"] = segments, ["tag"] = p.Tag });
            }

            var info = new JsonObject { ["partitions"] = partitions, ["row_count"] = c.PersistedRows };
            return new CollectionInfo { Status = Ok(), JsonInfo = info.ToJsonString() };
        }
    }

    private Status DropCollection(CollectionName request)
    {
        lock (_gate)
        {
            return _collections.Remove(request.CollectionName_) ? Ok() : throw V1Errors.CollectionNotExists(request.CollectionName_);
        }
    }

    private Status CreatePartition(PartitionParam request)
    {
        lock (_gate)
        {
            var c = Collection(request.CollectionName);
            if (string.IsNullOrWhiteSpace(request.Tag) || request.Tag == V1Collection.DefaultTag)
            {
                throw V1Errors.IllegalArgument($"Invalid partition tag: '{request.Tag}'");
            }

            if (c.Partition(request.Tag) is not null)
            {
                throw V1Errors.IllegalArgument($"Partition {request.Tag} already exists in collection {c.Name}");
            }

            c.Partitions.Add(new V1Partition(request.Tag));
            return Ok();
        }
    }

    private BoolReply HasPartition(PartitionParam request)
    {
        lock (_gate)
        {
            return new BoolReply { Status = Ok(), BoolReply_ = Collection(request.CollectionName).Partition(request.Tag) is not null };
        }
    }

    private PartitionList ShowPartitions(CollectionName request)
    {
        lock (_gate)
        {
            return new PartitionList { Status = Ok(), PartitionTagArray = { Collection(request.CollectionName_).Partitions.Select(p => p.Tag) } };
        }
    }

    private Status DropPartition(PartitionParam request)
    {
        lock (_gate)
        {
            var c = Collection(request.CollectionName);
            if (request.Tag == V1Collection.DefaultTag)
            {
                throw V1Errors.IllegalArgument("Default partition cannot be dropped");
            }

            var partition = c.Partition(request.Tag) ?? throw V1Errors.PartitionNotExists(c.Name, request.Tag);
            c.Partitions.Remove(partition);
            return Ok();
        }
    }
}
