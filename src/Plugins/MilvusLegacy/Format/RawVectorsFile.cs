using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.MilvusLegacy.Format;

/// <summary>
/// A segment's <c>&lt;file_id&gt;.rv</c>: rows of <c>dim</c> float32 (or <c>dim/8</c> packed bytes for binary
/// collections) back to back after the size header, deleted rows included.
/// </summary>
/// <param name="File">The checked file.</param>
/// <param name="RowBytes">Bytes of one row.</param>
/// <param name="Rows">Physical rows (P): payload bytes / row bytes.</param>
internal sealed record RawVectorsFile(SizedFile File, int RowBytes, long Rows)
{
    /// <summary>Opens and checks a <c>.rv</c> file: the payload must be a whole number of rows.</summary>
    public static RawVectorsFile Open(string path, int rowBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowBytes);
        SizedFile file = SizedFile.Open(path, "raw vectors");
        if (file.PayloadBytes % rowBytes != 0)
        {
            throw SourceDataException.At(path, SizedFile.HeaderBytes,
                $"{file.PayloadBytes} payload bytes are not a whole number of {rowBytes}-byte rows (the collection's dimension does not match this file, or it is truncated)");
        }

        return new RawVectorsFile(file, rowBytes, file.PayloadBytes / rowBytes);
    }

    /// <summary>File offset of physical row <paramref name="row"/>.</summary>
    public long OffsetOf(long row) => SizedFile.HeaderBytes + (row * RowBytes);
}
