using System.Globalization;
using Google.Protobuf;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Protos.Common;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using MilvusDm.Plugins.Milvus.Protos.Schema;
using MilvusDm.Plugins.Milvus.Source;
using KeyValuePair = MilvusDm.Plugins.Milvus.Protos.Common.KeyValuePair;

namespace MilvusDm.Plugins.Milvus.Sink;

/// <summary>The generated destination schema: primary key, one vector field, the source's scalar fields.</summary>
internal static class CollectionSchemaFactory
{
    public static CollectionSchema Create(string collection, DatasetSchema source, bool autoId)
    {
        var pk = new FieldSchema
        {
            Name = source.KeyName,
            IsPrimaryKey = true,
            AutoID = autoId,
            DataType = source.KeyType == KeyType.VarChar ? DataType.VarChar : DataType.Int64,
        };
        if (pk.DataType == DataType.VarChar)
        {
            pk.TypeParams.Add(new KeyValuePair { Key = "max_length", Value = "65535" });
        }

        var vector = new FieldSchema { Name = source.Vector.Name, DataType = MilvusTypes.Of(source.Vector.Type) };
        vector.TypeParams.Add(new KeyValuePair { Key = "dim", Value = source.Vector.Dim.ToString(CultureInfo.InvariantCulture) });
        var schema = new CollectionSchema { Name = collection, Description = "written by milvusdm", Fields = { pk, vector } };
        foreach (var scalar in source.Scalars)
        {
            if (MilvusNames.IsDynamicField(scalar.Name))
            {
                schema.EnableDynamicField = true; // the server creates the hidden $meta field itself
                continue;
            }

            var field = new FieldSchema { Name = scalar.Name, DataType = MilvusTypes.Of(scalar.Type), Nullable = scalar.Nullable };
            if (scalar.Type == ScalarType.VarChar)
            {
                field.TypeParams.Add(new KeyValuePair { Key = "max_length", Value = (scalar.MaxLength ?? 65535).ToString(CultureInfo.InvariantCulture) });
            }

            schema.Fields.Add(field);
        }

        return schema;
    }

    /// <summary>
    /// The CreateCollection request for a new destination: the source collection's own schema for Milvus sources
    /// (<see cref="SchemaTransfer"/>), else the generated one.
    /// </summary>
    public static CreateCollectionRequest Request(string collection, SinkTarget target) =>
        SchemaTransfer.Reproduce(target, collection) ?? new CreateCollectionRequest
        {
            CollectionName = collection,
            Schema = Create(collection, target.Schema, autoId: target.Schema.KeyType is null).ToByteString(),
            ConsistencyLevel = ConsistencyLevel.Bounded,
        };

    public static int Dim(FieldSchema field) =>
        field.TypeParams.FirstOrDefault(p => p.Key == "dim") is { } dim && int.TryParse(dim.Value, CultureInfo.InvariantCulture, out int value) ? value : 0;
}
