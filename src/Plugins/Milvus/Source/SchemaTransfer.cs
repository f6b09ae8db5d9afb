using System.Globalization;
using Google.Protobuf;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Protos.Common;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using MilvusDm.Plugins.Milvus.Protos.Schema;
using MilvusDm.Plugins.Milvus.Sink;

namespace MilvusDm.Plugins.Milvus.Source;

/// <summary>
/// Milvus to Milvus copies reproduce the source schema verbatim (issue 5, Precisions): the source puts the collection's
/// own schema (field names, key type, dynamic field, partition key, nullable and default values, type params, functions),
/// its partition count and consistency level into the dataset's properties, and the sink creates the destination from
/// them, with the primary key's autoID off so the source's keys are written as they are.
/// </summary>
internal static class SchemaTransfer
{
    public const string SchemaKey = "milvus.schema";
    public const string NumPartitionsKey = "milvus.num_partitions";
    public const string ConsistencyKey = "milvus.consistency_level";

    /// <summary>The properties a source dataset carries for its collection.</summary>
    public static Dictionary<string, string> Describe(DescribeCollectionResponse described)
    {
        var facts = new Dictionary<string, string>
        {
            [SchemaKey] = Convert.ToBase64String(described.Schema.ToByteArray()),
            [ConsistencyKey] = described.ConsistencyLevel.ToString(),
        };
        if (described.Schema.Fields.Any(f => f.IsPartitionKey))
        {
            facts[NumPartitionsKey] = described.NumPartitions.ToString(CultureInfo.InvariantCulture);
        }

        return facts;
    }

    /// <summary>
    /// The CreateCollection request reproducing the source's collection under <paramref name="collection"/>, or
    /// <c>null</c> when the rows do not come from a Milvus collection (or the host changed what they carry).
    /// </summary>
    public static CreateCollectionRequest? Reproduce(SinkTarget target, string collection)
    {
        if (!target.Source.Properties.TryGetValue(SchemaKey, out string? encoded))
        {
            return null;
        }

        var schema = CollectionSchema.Parser.ParseFrom(Convert.FromBase64String(encoded));
        var pk = schema.Fields.FirstOrDefault(f => f.IsPrimaryKey);
        var vector = schema.Fields.FirstOrDefault(f => f.Name == target.Schema.Vector.Name);
        bool keyed = target.Schema.KeyType is not null;
        if (pk is null || pk.Name != target.Schema.KeyName || vector is null || MilvusTypes.VectorOf(vector.DataType) != target.Schema.Vector.Type
            || (keyed && (pk.DataType == DataType.VarChar) != (target.Schema.KeyType == KeyType.VarChar)))
        {
            return null;
        }

        schema.Name = collection;
        // Keys are written as the source holds them (idempotent re-sends, equal digests); without keys the destination assigns them.
        pk.AutoID = !keyed;
        foreach (var field in schema.Fields)
        {
            field.FieldID = 0;
        }

        // The server adds the hidden $meta field itself for enable_dynamic_field; sending it is refused.
        foreach (var meta in schema.Fields.Where(f => f.IsDynamic).ToList())
        {
            schema.Fields.Remove(meta);
        }

        var request = new CreateCollectionRequest
        {
            CollectionName = collection,
            Schema = schema.ToByteString(),
            ConsistencyLevel = target.Source.Properties.TryGetValue(ConsistencyKey, out string? level)
                && Enum.TryParse(level, out ConsistencyLevel parsed) ? parsed : ConsistencyLevel.Bounded,
        };
        if (target.Source.Properties.TryGetValue(NumPartitionsKey, out string? partitions)
            && long.TryParse(partitions, CultureInfo.InvariantCulture, out long count) && count > 0)
        {
            request.NumPartitions = count;
        }

        return request;
    }
}
