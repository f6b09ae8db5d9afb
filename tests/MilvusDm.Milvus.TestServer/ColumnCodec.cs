using Google.Protobuf;
using MilvusDm.Plugins.Milvus.Protos.Schema;

namespace MilvusDm.Milvus.TestServer;

/// <summary>
/// FieldData columns to per-row values and back, with the proxy's checks (row counts, dims, types) and the
/// nullable convention: compacted data plus valid_data on insert, full-length data plus valid_data in results.
/// </summary>
public static class ColumnCodec
{
    public static object?[] Decode(FieldData column, FieldSchema field, int numRows)
    {
        if (column.Type != field.DataType && !(field.IsDynamic && column.Type == DataType.Json))
        {
            throw MilvusError.InvalidParameter($"field {field.Name} type {column.Type} does not match schema type {field.DataType}");
        }

        object?[] values = field.DataType switch
        {
            DataType.FloatVector or DataType.BinaryVector or DataType.Float16Vector or DataType.Bfloat16Vector or DataType.Int8Vector
                => DecodeVectors(column, field, numRows),
            _ => DecodeScalars(column, field),
        };

        if (column.ValidData.Count == 0)
        {
            return CheckLength(values, field, numRows);
        }

        if (!field.Nullable && field.DefaultValue is null && column.ValidData.Any(v => !v))
        {
            throw MilvusError.InvalidParameter($"field {field.Name} is not nullable but has null values");
        }

        if (column.ValidData.Count != numRows)
        {
            throw MilvusError.InvalidParameter($"the length of valid_data of field {field.Name} is wrong");
        }

        int valid = column.ValidData.Count(v => v);
        if (values.Length == numRows && valid == numRows)
        {
            return values;
        }

        if (values.Length != valid)
        {
            throw MilvusError.InvalidParameter($"the length of field {field.Name} is wrong");
        }

        var expanded = new object?[numRows];
        for (int row = 0, next = 0; row < numRows; row++)
        {
            expanded[row] = column.ValidData[row] ? values[next++] : null;
        }

        return expanded;
    }

    public static FieldData Encode(FieldSchema field, IReadOnlyList<StoredRow> rows)
    {
        var column = new FieldData { Type = field.DataType, FieldName = field.Name, FieldId = field.FieldID, IsDynamic = field.IsDynamic };
        if (field.Nullable)
        {
            column.ValidData.AddRange(rows.Select(r => r.Values.GetValueOrDefault(field.Name) is not null));
        }

        int dim = Dim(field);
        switch (field.DataType)
        {
            case DataType.FloatVector:
                var floats = new FloatArray();
                foreach (var row in rows)
                {
                    floats.Data.AddRange((float[])row.Values[field.Name]!);
                }

                column.Vectors = new VectorField { Dim = dim, FloatVector = floats };
                break;
            case DataType.BinaryVector or DataType.Float16Vector or DataType.Bfloat16Vector or DataType.Int8Vector:
                var bytes = ByteString.CopyFrom(rows.SelectMany(r => (byte[])r.Values[field.Name]!).ToArray());
                column.Vectors = field.DataType switch
                {
                    DataType.BinaryVector => new VectorField { Dim = dim, BinaryVector = bytes },
                    DataType.Float16Vector => new VectorField { Dim = dim, Float16Vector = bytes },
                    DataType.Bfloat16Vector => new VectorField { Dim = dim, Bfloat16Vector = bytes },
                    _ => new VectorField { Dim = dim, Int8Vector = bytes },
                };
                break;
            default:
                column.Scalars = EncodeScalars(field, rows.Select(r => r.Values.GetValueOrDefault(field.Name)).ToList());
                break;
        }

        return column;
    }

    /// <summary>A field's default_value as the stored value of its type.</summary>
    public static object? DefaultOf(FieldSchema field) => field.DefaultValue.DataCase switch
    {
        ValueField.DataOneofCase.BoolData => field.DefaultValue.BoolData,
        ValueField.DataOneofCase.IntData => field.DefaultValue.IntData,
        ValueField.DataOneofCase.LongData => field.DefaultValue.LongData,
        ValueField.DataOneofCase.FloatData => field.DefaultValue.FloatData,
        ValueField.DataOneofCase.DoubleData => field.DefaultValue.DoubleData,
        ValueField.DataOneofCase.StringData => field.DefaultValue.StringData,
        ValueField.DataOneofCase.BytesData => field.DefaultValue.BytesData.ToByteArray(),
        _ => null,
    };

    public static int Dim(FieldSchema field)
    {
        var param = field.TypeParams.FirstOrDefault(p => p.Key == "dim");
        return param is null ? 0 : int.Parse(param.Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static object?[] CheckLength(object?[] values, FieldSchema field, int numRows) =>
        values.Length == numRows
            ? values
            : throw MilvusError.InvalidParameter(
                $"the num_rows ({values.Length}) of field ({field.Name}) is not equal to passed num_rows ({numRows})");

    private static object?[] DecodeVectors(FieldData column, FieldSchema field, int numRows)
    {
        if (column.FieldCase != FieldData.FieldOneofCase.Vectors)
        {
            throw MilvusError.InvalidParameter($"field {field.Name} carries no vectors");
        }

        int dim = Dim(field);
        var vectors = column.Vectors;
        if (vectors.Dim != dim)
        {
            throw MilvusError.InvalidParameter($"the dim ({vectors.Dim}) of field data({field.Name}) is not equal to schema dim ({dim})");
        }

        if (field.DataType == DataType.FloatVector)
        {
            var data = vectors.FloatVector?.Data ?? throw MilvusError.InvalidParameter($"field {field.Name} has no float_vector");
            if (data.Count != (long)numRows * dim)
            {
                throw MilvusError.InvalidParameter(
                    $"the num_rows ({data.Count / Math.Max(dim, 1)}) of field ({field.Name}) is not equal to passed num_rows ({numRows})");
            }

            var result = new object?[numRows];
            for (int i = 0; i < numRows; i++)
            {
                var v = new float[dim];
                for (int j = 0; j < dim; j++)
                {
                    v[j] = data[(i * dim) + j];
                }

                result[i] = v;
            }

            return result;
        }

        (ByteString? bytes, int width) = field.DataType switch
        {
            DataType.BinaryVector => (vectors.BinaryVector, dim / 8),
            DataType.Float16Vector => (vectors.Float16Vector, dim * 2),
            DataType.Bfloat16Vector => (vectors.Bfloat16Vector, dim * 2),
            _ => (vectors.Int8Vector, dim),
        };
        if (bytes is null || bytes.Length != (long)numRows * width)
        {
            throw MilvusError.InvalidParameter(
                $"the num_rows ({(bytes?.Length ?? 0) / Math.Max(width, 1)}) of field ({field.Name}) is not equal to passed num_rows ({numRows})");
        }

        var span = bytes.Span;
        var rows = new object?[numRows];
        for (int i = 0; i < numRows; i++)
        {
            rows[i] = span.Slice(i * width, width).ToArray();
        }

        return rows;
    }

    private static object?[] DecodeScalars(FieldData column, FieldSchema field)
    {
        var s = column.Scalars ?? throw MilvusError.InvalidParameter($"field {field.Name} carries no scalars");
        return field.DataType switch
        {
            DataType.Bool => s.BoolData?.Data.Select(v => (object?)v).ToArray(),
            DataType.Int8 or DataType.Int16 or DataType.Int32 => s.IntData?.Data.Select(v => (object?)v).ToArray(),
            DataType.Int64 => s.LongData?.Data.Select(v => (object?)v).ToArray(),
            DataType.Float => s.FloatData?.Data.Select(v => (object?)v).ToArray(),
            DataType.Double => s.DoubleData?.Data.Select(v => (object?)v).ToArray(),
            DataType.VarChar or DataType.String or DataType.Text => s.StringData?.Data.Select(v => (object?)v).ToArray(),
            DataType.Json => s.JsonData?.Data.Select(v => (object?)v.ToByteArray()).ToArray(),
            DataType.Array => s.ArrayData?.Data.Select(v => (object?)v.Clone()).ToArray(),
            _ => throw MilvusError.InvalidParameter($"field {field.Name}: data type {field.DataType} is not supported by the test server"),
        } ?? throw MilvusError.InvalidParameter($"field {field.Name}: scalars do not match type {field.DataType}");
    }

    private static ScalarField EncodeScalars(FieldSchema field, List<object?> values)
    {
        // Results are full-length: nulls get a placeholder and valid_data marks them.
        return field.DataType switch
        {
            DataType.Bool => new ScalarField { BoolData = new BoolArray { Data = { values.Select(v => v is bool b && b) } } },
            DataType.Int8 or DataType.Int16 or DataType.Int32 => new ScalarField { IntData = new IntArray { Data = { values.Select(v => v is int i ? i : 0) } } },
            DataType.Int64 => new ScalarField { LongData = new LongArray { Data = { values.Select(v => v is long l ? l : 0L) } } },
            DataType.Float => new ScalarField { FloatData = new FloatArray { Data = { values.Select(v => v is float f ? f : 0f) } } },
            DataType.Double => new ScalarField { DoubleData = new DoubleArray { Data = { values.Select(v => v is double d ? d : 0d) } } },
            DataType.VarChar or DataType.String or DataType.Text => new ScalarField { StringData = new StringArray { Data = { values.Select(v => v as string ?? "") } } },
            DataType.Json => new ScalarField { JsonData = new JSONArray { Data = { values.Select(v => ByteString.CopyFrom(v as byte[] ?? "{}"u8.ToArray())) } } },
            DataType.Array => new ScalarField { ArrayData = new ArrayArray { ElementType = field.ElementType, Data = { values.Select(v => v as ScalarField ?? new ScalarField()) } } },
            _ => throw MilvusError.InvalidParameter($"data type {field.DataType} is not supported by the test server"),
        };
    }
}
