using System.Runtime.InteropServices;
using Google.Protobuf;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Protos.Schema;
using ContractVector = MilvusDm.Abstractions.VectorField;
using ScalarField = MilvusDm.Plugins.Milvus.Protos.Schema.ScalarField;
using VectorField = MilvusDm.Plugins.Milvus.Protos.Schema.VectorField;

namespace MilvusDm.Plugins.Milvus.Sink;

/// <summary>
/// Turns rows [start, start+count) of a <see cref="VectorBatch"/> into Insert/Upsert columns (protocol reference 4.4).
/// Nullable scalars are sent compacted with valid_data, as pymilvus does.
/// </summary>
internal sealed class ColumnWriter
{
    private readonly string _keyName;
    private readonly string _vectorName;
    private readonly ContractVector _vector;
    private readonly bool _sendKeys;
    private readonly FloatColumnPool _floats = new();

    public ColumnWriter(string keyName, string vectorName, ContractVector vector, bool sendKeys)
    {
        _keyName = keyName;
        _vectorName = vectorName;
        _vector = vector;
        _sendKeys = sendKeys;
    }

    public List<FieldData> Columns(VectorBatch batch, int start, int count)
    {
        var columns = new List<FieldData>(2 + batch.Scalars.Count);
        if (_sendKeys)
        {
            columns.Add(Keys(batch, start, count));
        }

        columns.Add(Vectors(batch, start, count));
        foreach (var scalar in batch.Scalars)
        {
            columns.Add(Scalars(scalar, start, count));
        }

        return columns;
    }

    /// <summary>The columns of a request the server answered: their storage may carry a later request.</summary>
    public void Recycle(List<FieldData> columns) => _floats.Recycle(columns);

    private FieldData Keys(VectorBatch batch, int start, int count)
    {
        if (batch.Ids is { } ids)
        {
            var data = new LongArray();
            data.Data.AddRange(ids.Span.Slice(start, count).ToArray());
            return new FieldData { FieldName = _keyName, Type = DataType.Int64, Scalars = new ScalarField { LongData = data } };
        }

        if (batch.StringIds is { } strings)
        {
            var data = new StringArray();
            data.Data.AddRange(strings.Skip(start).Take(count));
            return new FieldData { FieldName = _keyName, Type = DataType.VarChar, Scalars = new ScalarField { StringData = data } };
        }

        throw new InvalidOperationException($"batch at row {batch.Ordinal} carries no ids but the destination needs keys");
    }

    private FieldData Vectors(VectorBatch batch, int start, int count)
    {
        var bytes = batch.Vectors.Slice(start * batch.BytesPerRow, count * batch.BytesPerRow);
        var field = new VectorField { Dim = _vector.Dim };
        switch (_vector.Type)
        {
            case VectorType.Float32:
                // Vector blocks are little-endian float32 (contract); .NET runs little-endian on every supported target.
                // Straight from the batch into a pooled field: no intermediate array (megabytes per request).
                field.FloatVector = _floats.Fill(MemoryMarshal.Cast<byte, float>(bytes.Span));
                break;
            case VectorType.Binary:
                field.BinaryVector = ByteString.CopyFrom(bytes.Span);
                break;
            case VectorType.Float16:
                field.Float16Vector = ByteString.CopyFrom(bytes.Span);
                break;
            default:
                field.Bfloat16Vector = ByteString.CopyFrom(bytes.Span);
                break;
        }

        return new FieldData { FieldName = _vectorName, Type = MilvusTypes.Of(_vector.Type), Vectors = field };
    }

    private static FieldData Scalars(ScalarColumn column, int start, int count)
    {
        var rows = Enumerable.Range(start, count);
        var present = column.Nulls is null ? rows.ToList() : rows.Where(i => !column.Nulls[i]).ToList();
        var scalars = column.Values switch
        {
            bool[] v => new ScalarField { BoolData = new BoolArray { Data = { present.Select(i => v[i]) } } },
            sbyte[] v => new ScalarField { IntData = new IntArray { Data = { present.Select(i => (int)v[i]) } } },
            short[] v => new ScalarField { IntData = new IntArray { Data = { present.Select(i => (int)v[i]) } } },
            int[] v => new ScalarField { IntData = new IntArray { Data = { present.Select(i => v[i]) } } },
            long[] v => new ScalarField { LongData = new LongArray { Data = { present.Select(i => v[i]) } } },
            float[] v => new ScalarField { FloatData = new FloatArray { Data = { present.Select(i => v[i]) } } },
            double[] v => new ScalarField { DoubleData = new DoubleArray { Data = { present.Select(i => v[i]) } } },
            string[] v when column.Field.Type == ScalarType.Json =>
                new ScalarField { JsonData = new JSONArray { Data = { present.Select(i => ByteString.CopyFromUtf8(v[i])) } } },
            string[] v => new ScalarField { StringData = new StringArray { Data = { present.Select(i => v[i]) } } },
            _ => throw new InvalidOperationException($"scalar column {column.Field.Name} has unsupported values {column.Values.GetType().Name}"),
        };
        var data = new FieldData
        {
            FieldName = column.Field.Name,
            Type = MilvusTypes.Of(column.Field.Type),
            Scalars = scalars,
            IsDynamic = MilvusNames.IsDynamicField(column.Field.Name),
        };
        if (column.Nulls is not null)
        {
            data.ValidData.AddRange(rows.Select(i => !column.Nulls[i]));
        }

        return data;
    }
}
