using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Hdf5.Format;

namespace MilvusDm.Plugins.Hdf5;

/// <summary>Reads the scalar columns of a row range (see <see cref="ScalarPlanner"/>) as the contract's typed arrays.</summary>
internal sealed class ScalarReader
{
    private readonly Hdf5File _file;
    private readonly List<(ScalarPlan Plan, RowReader Rows, RowReader? Valid)> _columns = [];
    private byte[] _buffer = [];
    private GlobalHeap? _heap;

    public ScalarReader(Hdf5File file, IReadOnlyList<ScalarPlan> plans)
    {
        _file = file;
        foreach (ScalarPlan plan in plans)
        {
            RowReader? valid = plan.ValidPath is null ? null : VectorPlanner.OpenDataset(file, plan.ValidPath).OpenRows();
            _columns.Add((plan, VectorPlanner.OpenDataset(file, plan.Path).OpenRows(), valid));
        }
    }

    /// <summary>The columns of rows [first, first + count), or null when the file has no scalar fields.</summary>
    public IReadOnlyList<ScalarColumn>? Read(long first, int count)
    {
        if (_columns.Count == 0)
        {
            return null;
        }

        var columns = new List<ScalarColumn>(_columns.Count);
        foreach ((ScalarPlan plan, RowReader rows, RowReader? valid) in _columns)
        {
            ReadOnlySpan<byte> raw = Fill(rows, first, count);
            Array values = plan.Field.Type switch
            {
                ScalarType.Bool => Booleans(raw, valueMeansTrue: true),
                ScalarType.Int8 => MemoryMarshal.Cast<byte, sbyte>(raw).ToArray(),
                ScalarType.Int16 => MemoryMarshal.Cast<byte, short>(raw).ToArray(),
                ScalarType.Int32 => MemoryMarshal.Cast<byte, int>(raw).ToArray(),
                ScalarType.Int64 => MemoryMarshal.Cast<byte, long>(raw).ToArray(),
                ScalarType.Float => MemoryMarshal.Cast<byte, float>(raw).ToArray(),
                ScalarType.Double => MemoryMarshal.Cast<byte, double>(raw).ToArray(),
                _ => Strings(plan.Path, raw, first),
            };
            bool[]? nulls = valid is null ? null : Booleans(Fill(valid, first, count), valueMeansTrue: false);
            columns.Add(new ScalarColumn(plan.Field, values, nulls));
        }

        return columns;
    }

    private ReadOnlySpan<byte> Fill(RowReader rows, long first, int count)
    {
        int bytes = checked((int)(count * rows.RowBytes));
        if (_buffer.Length < bytes)
        {
            _buffer = new byte[bytes];
        }

        rows.Read(first, count, _buffer);
        return _buffer.AsSpan(0, bytes);
    }

    private static bool[] Booleans(ReadOnlySpan<byte> raw, bool valueMeansTrue)
    {
        bool[] values = new bool[raw.Length];
        for (int i = 0; i < raw.Length; i++)
        {
            values[i] = (raw[i] != 0) == valueMeansTrue;
        }

        return values;
    }

    /// <summary>Variable-length references (byte length, collection address, object index) resolved in the global heap.</summary>
    private string[] Strings(string path, ReadOnlySpan<byte> references, long first)
    {
        string[] values = new string[references.Length / WrittenDataset.VariableLengthElementSize];
        for (int i = 0; i < values.Length; i++)
        {
            ReadOnlySpan<byte> reference = references.Slice(i * WrittenDataset.VariableLengthElementSize, WrittenDataset.VariableLengthElementSize);
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(reference);
            ulong collection = BinaryPrimitives.ReadUInt64LittleEndian(reference[4..]);
            uint index = BinaryPrimitives.ReadUInt32LittleEndian(reference[12..]);
            if (length == 0)
            {
                values[i] = "";
                continue;
            }

            if (_heap?.Address != collection)
            {
                _heap = GlobalHeap.Read(_file, collection);
            }

            ReadOnlySpan<byte> bytes = _heap.Object(index);
            if (bytes.Length < length)
            {
                throw new SourceDataException($"{_file.Path}: '{path}' row {first + i}: a string of {length} bytes points at a heap object of {bytes.Length}");
            }

            values[i] = Encoding.UTF8.GetString(bytes[..(int)length]);
        }

        return values;
    }
}
