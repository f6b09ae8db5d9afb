using System.Globalization;
using Google.Protobuf;
using MilvusDm.Plugins.Milvus.Protos.Common;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using MilvusDm.Plugins.Milvus.Protos.Schema;
using KeyValuePair = MilvusDm.Plugins.Milvus.Protos.Common.KeyValuePair;

namespace MilvusDm.Plugins.Milvus.Tests;

/// <summary>Requests that build source collections for the Milvus to Milvus tests (constructed rows, not real data).</summary>
internal static class TestCollections
{
    /// <summary>
    /// Every kind of field milvusdm carries: an autoID int64 key, nullable and default values, a partition key over
    /// 8 partitions, JSON, the dynamic field, Strong consistency.
    /// </summary>
    public static CreateCollectionRequest RichCollection(string name)
    {
        var schema = new CollectionSchema
        {
            Name = name,
            Description = "every kind of field milvusdm carries",
            EnableDynamicField = true,
            Fields =
            {
                new FieldSchema { Name = "pk", DataType = DataType.Int64, IsPrimaryKey = true, AutoID = true },
                Vector("emb", 8),
                new FieldSchema { Name = "title", DataType = DataType.VarChar, Nullable = true, TypeParams = { Param("max_length", "200") } },
                new FieldSchema { Name = "year", DataType = DataType.Int32, DefaultValue = new ValueField { IntData = 2000 } },
                new FieldSchema { Name = "score", DataType = DataType.Double, Description = "relevance" },
                new FieldSchema { Name = "flag", DataType = DataType.Bool },
                new FieldSchema { Name = "small", DataType = DataType.Int16, Nullable = true, DefaultValue = new ValueField { IntData = -7 } },
                new FieldSchema { Name = "tenant", DataType = DataType.Int64, IsPartitionKey = true },
                new FieldSchema { Name = "extra", DataType = DataType.Json, Nullable = true },
            },
        };
        var create = Create(name, schema);
        create.NumPartitions = 8;
        create.ConsistencyLevel = ConsistencyLevel.Strong;
        return create;
    }

    public static InsertRequest RichRows(string name, int rows)
    {
        var request = new InsertRequest { CollectionName = name, NumRows = (uint)rows };
        request.FieldsData.Add(FloatVectors("emb", 8, rows));
        var titles = Enumerable.Range(0, rows).Select(i => i % 5 == 0 ? null : $"title {i} ✓").ToList();
        request.FieldsData.Add(Nullable(new FieldData { FieldName = "title", Type = DataType.VarChar, Scalars = new ScalarField { StringData = new StringArray { Data = { titles.OfType<string>() } } } }, titles));
        var years = Enumerable.Range(0, rows).Select(i => i % 7 == 0 ? (int?)null : 1990 + i).ToList();
        request.FieldsData.Add(Nullable(new FieldData { FieldName = "year", Type = DataType.Int32, Scalars = new ScalarField { IntData = new IntArray { Data = { years.OfType<int>() } } } }, years));
        request.FieldsData.Add(new FieldData { FieldName = "score", Type = DataType.Double, Scalars = new ScalarField { DoubleData = new DoubleArray { Data = { Enumerable.Range(0, rows).Select(i => i / 3.0) } } } });
        request.FieldsData.Add(new FieldData { FieldName = "flag", Type = DataType.Bool, Scalars = new ScalarField { BoolData = new BoolArray { Data = { Enumerable.Range(0, rows).Select(i => i % 2 == 0) } } } });
        var smalls = Enumerable.Range(0, rows).Select(i => i % 4 == 0 ? (int?)null : -i).ToList();
        request.FieldsData.Add(Nullable(new FieldData { FieldName = "small", Type = DataType.Int16, Scalars = new ScalarField { IntData = new IntArray { Data = { smalls.OfType<int>() } } } }, smalls));
        request.FieldsData.Add(new FieldData { FieldName = "tenant", Type = DataType.Int64, Scalars = new ScalarField { LongData = new LongArray { Data = { Enumerable.Range(0, rows).Select(i => (long)(i % 6)) } } } });
        var extras = Enumerable.Range(0, rows).Select(i => i % 3 == 0 ? null : $"{{\"i\":{i}}}").ToList();
        request.FieldsData.Add(Nullable(new FieldData { FieldName = "extra", Type = DataType.Json, Scalars = new ScalarField { JsonData = new JSONArray { Data = { extras.OfType<string>().Select(ByteString.CopyFromUtf8) } } } }, extras));
        var meta = Enumerable.Range(0, rows).Select(i => i % 2 == 0 ? "{\"color\":\"red\",\"n\":3}" : $"{{\"n\":{i}}}");
        request.FieldsData.Add(new FieldData { FieldName = "$meta", Type = DataType.Json, IsDynamic = true, Scalars = new ScalarField { JsonData = new JSONArray { Data = { meta.Select(ByteString.CopyFromUtf8) } } } });
        return request;
    }

    /// <summary>Compacted values plus valid_data, as pymilvus sends nullable columns.</summary>
    public static FieldData Nullable<T>(FieldData column, IReadOnlyList<T> values)
    {
        column.ValidData.AddRange(values.Select(v => v is not null));
        return column;
    }

    public static FieldData FloatVectors(string name, int dim, int rows)
    {
        var data = new FloatArray();
        for (int i = 0; i < rows * dim; i++)
        {
            data.Data.Add(MathF.Sin(i * 0.37f) * 10);
        }

        return new FieldData { FieldName = name, Type = DataType.FloatVector, Vectors = new Protos.Schema.VectorField { Dim = dim, FloatVector = data } };
    }

    public static FieldSchema VarCharKey(string name, int maxLength) =>
        new() { Name = name, DataType = DataType.VarChar, IsPrimaryKey = true, TypeParams = { Param("max_length", maxLength.ToString(CultureInfo.InvariantCulture)) } };

    public static FieldSchema Vector(string name, int dim) =>
        new() { Name = name, DataType = DataType.FloatVector, TypeParams = { Param("dim", dim.ToString(CultureInfo.InvariantCulture)) } };

    public static KeyValuePair Param(string key, string value) => new() { Key = key, Value = value };

    public static CreateCollectionRequest Create(string name, CollectionSchema schema) =>
        new() { CollectionName = name, Schema = schema.ToByteString(), ConsistencyLevel = ConsistencyLevel.Bounded };
}
