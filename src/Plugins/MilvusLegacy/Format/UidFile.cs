using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.MilvusLegacy.Format;

/// <summary>A segment's <c>&lt;file_id&gt;.uid</c>: one int64 id per physical row of the <c>.rv</c>, same order.</summary>
/// <param name="File">The checked file.</param>
internal sealed record UidFile(SizedFile File)
{
    public const int IdBytes = sizeof(long);

    /// <summary>Opens and checks a <c>.uid</c> file: it must hold exactly <paramref name="rows"/> ids.</summary>
    public static UidFile Open(string path, long rows)
    {
        SizedFile file = SizedFile.Open(path, "ids");
        if (file.PayloadBytes != rows * IdBytes)
        {
            string held = file.PayloadBytes % IdBytes == 0 ? $"{file.PayloadBytes / IdBytes} ids" : $"{file.PayloadBytes} bytes (not a whole number of int64 ids)";
            throw SourceDataException.At(path, SizedFile.HeaderBytes, $"holds {held} but the segment's .rv holds {rows} rows");
        }

        return new UidFile(file);
    }

    /// <summary>File offset of the id of physical row <paramref name="row"/>.</summary>
    public static long OffsetOf(long row) => SizedFile.HeaderBytes + (row * IdBytes);
}
