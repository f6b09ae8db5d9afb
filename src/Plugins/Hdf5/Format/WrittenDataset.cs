namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>A root dataset the writer lays out: its name, element datatype bytes, rank (1 or 2), columns per row and attributes.</summary>
internal sealed record WrittenDataset(string Name, byte[] Datatype, int ElementSize, int Rank, long Columns, IReadOnlyList<WrittenAttribute> Attributes)
{
    public long RowBytes => Columns * ElementSize;

    /// <summary>h5py's encodings (datatype message version 1).</summary>
    public static byte[] Float32Type => [0x11, 0x20, 0x1F, 0x00, 4, 0, 0, 0, 0, 0, 0x20, 0, 0x17, 0x08, 0x00, 0x17, 0x7F, 0, 0, 0];

    public static byte[] UInt8Type => [0x10, 0x00, 0x00, 0x00, 1, 0, 0, 0, 0, 0, 8, 0];

    public static byte[] UInt16Type => [0x10, 0x00, 0x00, 0x00, 2, 0, 0, 0, 0, 0, 16, 0];

    public static byte[] Int64Type => [0x10, 0x08, 0x00, 0x00, 8, 0, 0, 0, 0, 0, 64, 0];
}
