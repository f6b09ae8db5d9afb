using Google.Protobuf;
using MilvusDm.Plugins.Milvus.Protos.Common;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using MilvusDm.Plugins.Milvus.Protos.Schema;

namespace MilvusDm.Plugins.Milvus.Tests;

/// <summary>Constructed requests used by the RPC tests (not real data).</summary>
internal static class TestSchemas
{
    public static CreateCollectionRequest Create(string name, int dim, bool autoId = false, bool dynamic = false) => new()
    {
        CollectionName = name,
        Schema = new CollectionSchema
        {
            Name = name,
            EnableDynamicField = dynamic,
            Fields =
            {
                new FieldSchema { Name = "id", DataType = DataType.Int64, IsPrimaryKey = true, AutoID = autoId },
                new FieldSchema
                {
                    Name = "embedding",
                    DataType = DataType.FloatVector,
                    TypeParams = { new Protos.Common.KeyValuePair { Key = "dim", Value = dim.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
                },
            },
        }.ToByteString(),
        ConsistencyLevel = ConsistencyLevel.Strong,
    };

    public static InsertRequest Insert(string name, long firstId, int rows, int dim, string partition = "")
    {
        var vectors = new FloatArray();
        var ids = new LongArray();
        for (int i = 0; i < rows; i++)
        {
            ids.Data.Add(firstId + i);
            for (int j = 0; j < dim; j++)
            {
                vectors.Data.Add(((firstId + i) * 0.5f) + j);
            }
        }

        return new InsertRequest
        {
            CollectionName = name,
            PartitionName = partition,
            NumRows = (uint)rows,
            FieldsData =
            {
                new FieldData { FieldName = "id", Type = DataType.Int64, Scalars = new ScalarField { LongData = ids } },
                new FieldData { FieldName = "embedding", Type = DataType.FloatVector, Vectors = new VectorField { Dim = dim, FloatVector = vectors } },
            },
        };
    }
}
