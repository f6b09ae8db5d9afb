using System.Runtime.InteropServices;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Hdf5.Format;

namespace MilvusDm.Plugins.Hdf5;

/// <summary>
/// A dataset's scalar fields as HDF5 datasets of the group <c>scalars</c>, one 1-D dataset per field in the types
/// h5py reads natively (bool, int8 to int64, float32, float64; VarChar and JSON as variable-length UTF-8 strings),
/// each with the Milvus type as an attribute; a nullable field also gets <c>&lt;name&gt;.valid</c> (bool, true where
/// the row has a value; Milvus names cannot contain a dot, so it never collides with a field).
/// </summary>
internal sealed class ScalarDatasets
{
    public const string Group = "scalars";
    public const string ValidSuffix = ".valid";

    private readonly string _file;
    private readonly IReadOnlyList<ScalarField> _fields;

    public ScalarDatasets(string file, IReadOnlyList<ScalarField> fields)
    {
        _file = file;
        _fields = fields;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (ScalarField field in fields)
        {
            if (field.Name.Length == 0 || field.Name is "." or ".." || field.Name.Contains('/', StringComparison.Ordinal) || field.Name.Contains('\0', StringComparison.Ordinal))
            {
                throw new DestinationException($"{file}: scalar field '{field.Name}' cannot be an HDF5 dataset name");
            }

            if (!names.Add(field.Name) || (field.Nullable && !names.Add(field.Name + ValidSuffix)))
            {
                throw new DestinationException($"{file}: scalar field '{field.Name}' appears twice (or clashes with another field's '{ValidSuffix}' dataset)");
            }
        }
    }

    public IEnumerable<WrittenDataset> Datasets()
    {
        foreach (ScalarField field in _fields)
        {
            (byte[] type, int size) = field.Type switch
            {
                ScalarType.Bool => (WrittenDataset.BoolType, 1),
                ScalarType.Int8 => (WrittenDataset.Int8Type, 1),
                ScalarType.Int16 => (WrittenDataset.Int16Type, 2),
                ScalarType.Int32 => (WrittenDataset.Int32Type, 4),
                ScalarType.Int64 => (WrittenDataset.Int64Type, 8),
                ScalarType.Float => (WrittenDataset.Float32Type, 4),
                ScalarType.Double => (WrittenDataset.Float64Type, 8),
                _ => (WrittenDataset.VariableLengthUtf8Type, WrittenDataset.VariableLengthElementSize),
            };
            var attributes = new List<WrittenAttribute> { WrittenAttribute.Text("milvus_type", field.Type.ToString()) };
            if (field.MaxLength is { } maxLength)
            {
                attributes.Add(WrittenAttribute.Int64("max_length", maxLength));
            }

            yield return new WrittenDataset(field.Name, type, size, 1, 1, attributes)
            {
                Group = Group,
                VariableLengthString = field.Type is ScalarType.VarChar or ScalarType.Json,
            };
            if (field.Nullable)
            {
                yield return new WrittenDataset(field.Name + ValidSuffix, WrittenDataset.BoolType, 1, 1, 1, [WrittenAttribute.Text("field", field.Name)]) { Group = Group };
            }
        }
    }

    /// <summary>Adds the batch's scalar columns to the rows to write, by dataset path.</summary>
    public void Add(VectorBatch batch, Dictionary<string, ReadOnlyMemory<byte>> rows, Dictionary<string, IReadOnlyList<string?>> strings)
    {
        foreach (ScalarField field in _fields)
        {
            ScalarColumn column = batch.Scalars.FirstOrDefault(c => c.Field.Name == field.Name)
                ?? throw new DestinationException($"{_file}: a batch at row {batch.Ordinal} has no values for scalar field '{field.Name}'");
            string path = Group + "/" + field.Name;
            if (column.Values.GetType() != ClrType(field.Type) || column.Values.Length != batch.Count)
            {
                throw new DestinationException($"{_file}: scalar field '{field.Name}' ({field.Type}) arrived as {column.Values.GetType().Name} of {column.Values.Length} values at row {batch.Ordinal}");
            }

            switch (column.Values)
            {
                case string[] text:
                    strings[path] = text;
                    break;
                case bool[] flags:
                    rows[path] = Booleans(flags);
                    break;
                default:
                    rows[path] = LittleEndianBytes(column.Values);
                    break;
            }

            if (field.Nullable)
            {
                rows[path + ValidSuffix] = column.Nulls is { } nulls ? Booleans(nulls, invert: true) : Enumerable.Repeat((byte)1, batch.Count).ToArray();
            }
        }
    }

    /// <summary>The array type the contract uses for each scalar type (see <see cref="ScalarColumn.Values"/>).</summary>
    private static Type ClrType(ScalarType type) => type switch
    {
        ScalarType.Bool => typeof(bool[]),
        ScalarType.Int8 => typeof(sbyte[]),
        ScalarType.Int16 => typeof(short[]),
        ScalarType.Int32 => typeof(int[]),
        ScalarType.Int64 => typeof(long[]),
        ScalarType.Float => typeof(float[]),
        ScalarType.Double => typeof(double[]),
        _ => typeof(string[]),
    };

    private static byte[] Booleans(bool[] values, bool invert = false)
    {
        byte[] bytes = new byte[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            bytes[i] = values[i] != invert ? (byte)1 : (byte)0;
        }

        return bytes;
    }

    /// <summary>The column's values as stored: the HDF5 types are declared little-endian, as this host is.</summary>
    private static byte[] LittleEndianBytes(Array values) => !BitConverter.IsLittleEndian
        ? throw new PlatformNotSupportedException("big-endian hosts are not supported")
        : values switch
        {
            sbyte[] v => MemoryMarshal.AsBytes(v.AsSpan()).ToArray(),
            short[] v => MemoryMarshal.AsBytes(v.AsSpan()).ToArray(),
            int[] v => MemoryMarshal.AsBytes(v.AsSpan()).ToArray(),
            long[] v => MemoryMarshal.AsBytes(v.AsSpan()).ToArray(),
            float[] v => MemoryMarshal.AsBytes(v.AsSpan()).ToArray(),
            double[] v => MemoryMarshal.AsBytes(v.AsSpan()).ToArray(),
            _ => throw new ArgumentException($"{values.GetType().Name} is not a numeric column", nameof(values)),
        };
}
