using Google.Protobuf;
using MilvusDm.Plugins.Milvus.Protos.Schema;

namespace MilvusDm.Plugins.Milvus.Sink;

/// <summary>Rows [start, start+count) of a request column, for splitting a request the server found too large.</summary>
internal static class ColumnSlicer
{
    public static FieldData Slice(FieldData column, int start, int count)
    {
        var slice = new FieldData { FieldName = column.FieldName, Type = column.Type, FieldId = column.FieldId, IsDynamic = column.IsDynamic };
        if (column.ValidData.Count > 0)
        {
            // Compacted data: the value index of a row is the number of valid rows before it.
            int first = column.ValidData.Take(start).Count(v => v);
            int valid = column.ValidData.Skip(start).Take(count).Count(v => v);
            slice.ValidData.AddRange(column.ValidData.Skip(start).Take(count));
            slice.Scalars = SliceScalars(column.Scalars, first, valid);
            return slice;
        }

        if (column.FieldCase == FieldData.FieldOneofCase.Vectors)
        {
            var v = column.Vectors;
            int dim = (int)v.Dim;
            slice.Vectors = v.DataCase switch
            {
                VectorField.DataOneofCase.FloatVector => new VectorField { Dim = dim, FloatVector = new FloatArray { Data = { v.FloatVector.Data.Skip(start * dim).Take(count * dim) } } },
                VectorField.DataOneofCase.BinaryVector => new VectorField { Dim = dim, BinaryVector = Bytes(v.BinaryVector, start, count, dim / 8) },
                VectorField.DataOneofCase.Float16Vector => new VectorField { Dim = dim, Float16Vector = Bytes(v.Float16Vector, start, count, dim * 2) },
                _ => new VectorField { Dim = dim, Bfloat16Vector = Bytes(v.Bfloat16Vector, start, count, dim * 2) },
            };
            return slice;
        }

        slice.Scalars = SliceScalars(column.Scalars, start, count);
        return slice;
    }

    private static ByteString Bytes(ByteString data, int start, int count, int width) =>
        ByteString.CopyFrom(data.Span.Slice(start * width, count * width));

    private static ScalarField SliceScalars(ScalarField s, int start, int count) => s.DataCase switch
    {
        ScalarField.DataOneofCase.BoolData => new ScalarField { BoolData = new BoolArray { Data = { s.BoolData.Data.Skip(start).Take(count) } } },
        ScalarField.DataOneofCase.IntData => new ScalarField { IntData = new IntArray { Data = { s.IntData.Data.Skip(start).Take(count) } } },
        ScalarField.DataOneofCase.LongData => new ScalarField { LongData = new LongArray { Data = { s.LongData.Data.Skip(start).Take(count) } } },
        ScalarField.DataOneofCase.FloatData => new ScalarField { FloatData = new FloatArray { Data = { s.FloatData.Data.Skip(start).Take(count) } } },
        ScalarField.DataOneofCase.DoubleData => new ScalarField { DoubleData = new DoubleArray { Data = { s.DoubleData.Data.Skip(start).Take(count) } } },
        ScalarField.DataOneofCase.StringData => new ScalarField { StringData = new StringArray { Data = { s.StringData.Data.Skip(start).Take(count) } } },
        ScalarField.DataOneofCase.JsonData => new ScalarField { JsonData = new JSONArray { Data = { s.JsonData.Data.Skip(start).Take(count) } } },
        _ => throw new InvalidOperationException($"cannot split a {s.DataCase} column"),
    };
}
