using System.Runtime.InteropServices;
using Google.Protobuf.Collections;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Protos.Common;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using MilvusDm.Plugins.Milvus.Protos.Schema;

namespace MilvusDm.Milvus.TestServer;

/// <summary>Count-only writes: the proxy's size checks, then a count and a digest instead of stored rows.</summary>
public sealed partial class InMemoryMilvus
{
    private MutationResult CountOnlyWrite(StoredCollection c, RepeatedField<FieldData> columns, int rows, bool upsert)
    {
        var pkField = c.PrimaryField;
        var vectorField = c.Schema.Fields.First(f => f.DataType is DataType.FloatVector or DataType.BinaryVector or DataType.Float16Vector or DataType.Bfloat16Vector);
        var vectors = columns.FirstOrDefault(f => f.FieldName == vectorField.Name)
            ?? throw MilvusError.InvalidParameter($"field {vectorField.Name} is missing in the insert request");
        int dim = ColumnCodec.Dim(vectorField);
        if (vectors.Vectors is null || vectors.Vectors.Dim != dim)
        {
            throw MilvusError.InvalidParameter($"the dim ({vectors.Vectors?.Dim}) of field data({vectorField.Name}) is not equal to schema dim ({dim})");
        }

        byte[] block = VectorBlock(vectors.Vectors, vectorField.DataType);
        int bytesPerRow = vectorField.DataType switch
        {
            DataType.FloatVector => dim * 4,
            DataType.BinaryVector => dim / 8,
            _ => dim * 2,
        };
        if (block.Length != (long)rows * bytesPerRow)
        {
            throw MilvusError.InvalidParameter(
                $"the num_rows ({block.Length / Math.Max(1, bytesPerRow)}) of field ({vectorField.Name}) is not equal to passed num_rows ({rows})");
        }

        var keys = columns.FirstOrDefault(f => f.FieldName == pkField.Name)?.Scalars;
        long[]? longKeys = keys?.LongData?.Data.ToArray();
        string[]? stringKeys = keys?.StringData?.Data.ToArray();
        if (longKeys is null && stringKeys is null && !pkField.AutoID)
        {
            throw MilvusError.InvalidParameter($"field {pkField.Name} is missing in the insert request");
        }

        if ((longKeys?.Length ?? stringKeys?.Length ?? rows) != rows)
        {
            throw MilvusError.InvalidParameter($"the num_rows of field ({pkField.Name}) is not equal to passed num_rows ({rows})");
        }

        if (!SkipDigest)
        {
            using var batch = new VectorBatch(0, rows, bytesPerRow, block, longKeys, stringKeys);
            c.CountedDigest += RowDigester.Digest(batch);
        }

        c.CountedRows += rows;
        ulong timestamp = Clock.Next();
        IDs assigned = stringKeys is not null
            ? new IDs { StrId = new StringArray { Data = { stringKeys } } }
            : new IDs { IntId = new LongArray { Data = { longKeys ?? Enumerable.Range(0, rows).Select(i => c.NextAutoId++) } } };
        return Mutated(assigned, timestamp, rows, upsert);
    }

    private static byte[] FloatBytes(FloatArray? data)
    {
        var floats = new float[data?.Data.Count ?? 0];
        data?.Data.CopyTo(floats, 0);
        return MemoryMarshal.AsBytes(floats.AsSpan()).ToArray();
    }

    private static byte[] VectorBlock(Plugins.Milvus.Protos.Schema.VectorField vectors, DataType type) => type switch
    {
        DataType.FloatVector => FloatBytes(vectors.FloatVector),
        DataType.BinaryVector => vectors.BinaryVector?.ToByteArray() ?? [],
        DataType.Float16Vector => vectors.Float16Vector?.ToByteArray() ?? [],
        _ => vectors.Bfloat16Vector?.ToByteArray() ?? [],
    };
}
