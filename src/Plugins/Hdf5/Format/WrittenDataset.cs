namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>
/// A dataset the writer lays out: its name, the group it belongs to (<c>""</c> for the root, else one group below
/// it), element datatype bytes, rank (1 or 2), columns per row and attributes. Variable-length strings are stored
/// as 16-byte references into global heap collections.
/// </summary>
internal sealed record WrittenDataset(string Name, byte[] Datatype, int ElementSize, int Rank, long Columns, IReadOnlyList<WrittenAttribute> Attributes)
{
    /// <summary>Size of one variable-length element on disk: byte length (4), collection address (8), object index (4).</summary>
    public const int VariableLengthElementSize = 16;

    public string Group { get; init; } = "";

    public bool VariableLengthString { get; init; }

    public string Path => Group.Length == 0 ? Name : Group + "/" + Name;

    public long RowBytes => Columns * ElementSize;

    /// <summary>h5py's encodings (datatype message version 1).</summary>
    public static byte[] Float32Type => [0x11, 0x20, 0x1F, 0x00, 4, 0, 0, 0, 0, 0, 0x20, 0, 0x17, 0x08, 0x00, 0x17, 0x7F, 0, 0, 0];

    public static byte[] Float64Type => [0x11, 0x20, 0x3F, 0x00, 8, 0, 0, 0, 0, 0, 0x40, 0, 0x34, 0x0B, 0x00, 0x34, 0xFF, 0x03, 0, 0];

    public static byte[] UInt8Type => [0x10, 0x00, 0x00, 0x00, 1, 0, 0, 0, 0, 0, 8, 0];

    public static byte[] UInt16Type => [0x10, 0x00, 0x00, 0x00, 2, 0, 0, 0, 0, 0, 16, 0];

    public static byte[] Int8Type => [0x10, 0x08, 0x00, 0x00, 1, 0, 0, 0, 0, 0, 8, 0];

    public static byte[] Int16Type => [0x10, 0x08, 0x00, 0x00, 2, 0, 0, 0, 0, 0, 16, 0];

    public static byte[] Int32Type => [0x10, 0x08, 0x00, 0x00, 4, 0, 0, 0, 0, 0, 32, 0];

    public static byte[] Int64Type => [0x10, 0x08, 0x00, 0x00, 8, 0, 0, 0, 0, 0, 64, 0];

    /// <summary>numpy's bool as h5py stores it: an enum of int8 with FALSE = 0 and TRUE = 1 (names padded to 8 bytes).</summary>
    public static byte[] BoolType =>
    [
        0x18, 0x02, 0x00, 0x00, 1, 0, 0, 0,
        .. Int8Type,
        (byte)'F', (byte)'A', (byte)'L', (byte)'S', (byte)'E', 0, 0, 0,
        (byte)'T', (byte)'R', (byte)'U', (byte)'E', 0, 0, 0, 0,
        0, 1,
    ];

    /// <summary>h5py's <c>str</c>: a variable-length UTF-8 string (NUL-terminated padding) of uint8.</summary>
    public static byte[] VariableLengthUtf8Type => [0x19, 0x01, 0x01, 0x00, VariableLengthElementSize, 0, 0, 0, .. UInt8Type];
}
