using System.Globalization;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Protos.Schema;
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
            var field = new FieldSchema { Name = scalar.Name, DataType = MilvusTypes.Of(scalar.Type), Nullable = scalar.Nullable };
            if (scalar.Type == ScalarType.VarChar)
            {
                field.TypeParams.Add(new KeyValuePair { Key = "max_length", Value = (scalar.MaxLength ?? 65535).ToString(CultureInfo.InvariantCulture) });
            }

            schema.Fields.Add(field);
        }

        return schema;
    }

    public static int Dim(FieldSchema field) =>
        field.TypeParams.FirstOrDefault(p => p.Key == "dim") is { } dim && int.TryParse(dim.Value, CultureInfo.InvariantCulture, out int value) ? value : 0;
}
