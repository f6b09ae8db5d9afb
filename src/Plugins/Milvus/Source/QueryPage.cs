using System.Runtime.InteropServices;
using System.Text.Json;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Protos.Schema;

namespace MilvusDm.Plugins.Milvus.Source;

/// <summary>One Query result as rows: keys checked ascending and past the cursor, vectors as the contract's bytes.</summary>
internal sealed class QueryPage
{
    private readonly long[]? _ids;
    private readonly string[]? _stringIds;
    private readonly byte[] _vectors;
    private readonly int _bytesPerRow;
    private readonly List<(Abstractions.ScalarField Field, Array Values, bool[]? Nulls)> _scalars;

    private QueryPage(int count, long[]? ids, string[]? stringIds, byte[] vectors, int bytesPerRow,
        List<(Abstractions.ScalarField, Array, bool[]?)> scalars)
    {
        Count = count;
        _ids = ids;
        _stringIds = stringIds;
        _vectors = vectors;
        _bytesPerRow = bytesPerRow;
        _scalars = scalars;
    }

    public int Count { get; }

    /// <summary>The largest key of the page, as an expression literal (strings quoted).</summary>
    public string LastKeyLiteral => _ids is not null
        ? _ids[^1].ToString(System.Globalization.CultureInfo.InvariantCulture)
        : JsonSerializer.Serialize(_stringIds![^1]);

    public static QueryPage From(Protos.Milvus.QueryResults result, CollectionShape shape, DatasetSchema schema, string? cursor, string where)
    {
        var columns = result.FieldsData.ToDictionary(f => f.FieldName, StringComparer.Ordinal);
        if (!columns.TryGetValue(shape.PrimaryKey.Name, out var pkColumn))
        {
            throw new DestinationException($"{where}: query result lacks the primary key column {shape.PrimaryKey.Name}");
        }

        long[]? ids = pkColumn.Scalars.LongData?.Data.ToArray();
        string[]? stringIds = ids is null ? pkColumn.Scalars.StringData?.Data.ToArray() : null;
        int count = ids?.Length ?? stringIds?.Length ?? 0;
        CheckOrder(ids, stringIds, cursor, where);
        int bytesPerRow = schema.Vector.BytesPerRow;
        var vectors = count == 0 ? [] : VectorBytes(columns, shape, count, bytesPerRow, where);
        var scalars = new List<(Abstractions.ScalarField, Array, bool[]?)>();
        foreach (var field in schema.Scalars)
        {
            if (count > 0)
            {
                var column = columns[field.Name];
                bool[]? nulls = column.ValidData.Count == count ? column.ValidData.Select(v => !v).ToArray() : null;
                scalars.Add((field, ScalarValues(column.Scalars, field), nulls));
            }
        }

        return new QueryPage(count, ids, stringIds, vectors, bytesPerRow, scalars);
    }

    public VectorBatch ToBatch(long ordinal, int skip)
    {
        int count = Count - skip;
        var scalars = _scalars.Select(s => new ScalarColumn(s.Field, Slice(s.Values, skip, count), s.Nulls?[skip..])).ToList();
        return new VectorBatch(ordinal, count, _bytesPerRow, _vectors.AsMemory(skip * _bytesPerRow, count * _bytesPerRow),
            _ids is null ? default : _ids.AsMemory(skip, count), _stringIds?[skip..], scalars);
    }

    private static Array Slice(Array values, int skip, int count)
    {
        var copy = Array.CreateInstance(values.GetType().GetElementType()!, count);
        Array.Copy(values, skip, copy, 0, count);
        return copy;
    }

    private static void CheckOrder(long[]? ids, string[]? stringIds, string? cursor, string where)
    {
        // A server that ignores iterator=True does not promise order; a cursor scan could then skip rows silently.
        if (ids is not null)
        {
            long previous = cursor is null ? long.MinValue : long.Parse(cursor, System.Globalization.CultureInfo.InvariantCulture);
            for (int i = 0; i < ids.Length; i++)
            {
                if (ids[i] <= previous && !(i == 0 && cursor is null && ids[i] == long.MinValue))
                {
                    throw new DestinationException($"{where}: query page is not in ascending key order at key {ids[i]} (after {previous}); the server does not honour iterator ordering");
                }

                previous = ids[i];
            }
        }
        else if (stringIds is not null)
        {
            string? previous = cursor is null ? null : JsonSerializer.Deserialize<string>(cursor);
            for (int i = 0; i < stringIds.Length; i++)
            {
                if (previous is not null && KeyOrder.Compare(stringIds[i], previous) <= 0)
                {
                    throw new DestinationException($"{where}: query page is not in ascending key order at key '{stringIds[i]}' (after '{previous}'); the server does not honour iterator ordering");
                }

                previous = stringIds[i];
            }
        }
    }

    private static byte[] VectorBytes(Dictionary<string, FieldData> columns, CollectionShape shape, int count, int bytesPerRow, string where)
    {
        var vectors = columns.TryGetValue(shape.Vector.Name, out var column) ? column.Vectors
            : throw new DestinationException($"{where}: query result lacks the vector column {shape.Vector.Name}");
        byte[] bytes = vectors.DataCase switch
        {
            Protos.Schema.VectorField.DataOneofCase.FloatVector => MemoryMarshal.AsBytes(vectors.FloatVector.Data.ToArray().AsSpan()).ToArray(),
            Protos.Schema.VectorField.DataOneofCase.BinaryVector => vectors.BinaryVector.ToByteArray(),
            Protos.Schema.VectorField.DataOneofCase.Float16Vector => vectors.Float16Vector.ToByteArray(),
            Protos.Schema.VectorField.DataOneofCase.Bfloat16Vector => vectors.Bfloat16Vector.ToByteArray(),
            _ => throw new DestinationException($"{where}: unexpected vector data {vectors.DataCase}"),
        };
        if (bytes.Length != (long)count * bytesPerRow)
        {
            throw new DestinationException($"{where}: query page has {bytes.Length} vector bytes for {count} rows of {bytesPerRow} bytes");
        }

        return bytes;
    }

    private static Array ScalarValues(Protos.Schema.ScalarField s, Abstractions.ScalarField field) => field.Type switch
    {
        ScalarType.Bool => s.BoolData.Data.ToArray(),
        ScalarType.Int8 => s.IntData.Data.Select(v => (sbyte)v).ToArray(),
        ScalarType.Int16 => s.IntData.Data.Select(v => (short)v).ToArray(),
        ScalarType.Int32 => s.IntData.Data.ToArray(),
        ScalarType.Int64 => s.LongData.Data.ToArray(),
        ScalarType.Float => s.FloatData.Data.ToArray(),
        ScalarType.Double => s.DoubleData.Data.ToArray(),
        ScalarType.VarChar => s.StringData.Data.ToArray(),
        _ => s.JsonData.Data.Select(b => b.ToStringUtf8()).ToArray(),
    };
}
