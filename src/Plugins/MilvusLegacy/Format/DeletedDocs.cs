using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.MilvusLegacy.Format;

/// <summary>
/// A segment's <c>deleted_docs</c>: int32 physical row offsets of deleted rows, appended one delete batch after
/// another, so neither sorted nor free of duplicates. Read in chunks, checked against the segment's row count,
/// and kept sorted and de-duplicated.
/// </summary>
internal static class DeletedDocs
{
    public const string FileName = "deleted_docs";
    private const int ChunkOffsets = 64 * 1024;

    /// <summary>The sorted, distinct deleted offsets of a segment of <paramref name="physicalRows"/> rows.</summary>
    /// <exception cref="SourceDataException">A bad header, a partial offset, or an offset outside the segment.</exception>
    public static int[] Read(string path, long physicalRows)
    {
        SizedFile file = SizedFile.Open(path, "deleted row offsets");
        if (file.PayloadBytes % sizeof(int) != 0)
        {
            throw SourceDataException.At(path, SizedFile.HeaderBytes, $"{file.PayloadBytes} payload bytes are not a whole number of int32 row offsets");
        }

        long count = file.PayloadBytes / sizeof(int);
        var offsets = new List<int>((int)Math.Min(count, ChunkOffsets));
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkOffsets * sizeof(int));
        try
        {
            using SafeFileHandle handle = file.OpenHandle();
            for (long first = 0; first < count; first += ChunkOffsets)
            {
                int take = (int)Math.Min(ChunkOffsets, count - first);
                long position = SizedFile.HeaderBytes + (first * sizeof(int));
                Span<byte> bytes = chunk.AsSpan(0, take * sizeof(int));
                SizedFile.ReadExactly(path, handle, bytes, position);
                for (int i = 0; i < take; i++)
                {
                    int offset = BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * sizeof(int))..]);
                    if (offset < 0 || offset >= physicalRows)
                    {
                        throw SourceDataException.At(path, position + (i * sizeof(int)), $"deleted row offset {offset} is outside the segment's {physicalRows} rows");
                    }

                    offsets.Add(offset);
                }

                // Duplicates are legal; compacting keeps a file of repeated offsets from growing the list past the segment.
                if (offsets.Count > 2 * Math.Max(physicalRows, ChunkOffsets))
                {
                    SortDistinct(offsets);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        SortDistinct(offsets);
        return [.. offsets];
    }

    private static void SortDistinct(List<int> offsets)
    {
        offsets.Sort();
        int kept = 0;
        for (int i = 0; i < offsets.Count; i++)
        {
            if (kept == 0 || offsets[i] != offsets[kept - 1])
            {
                offsets[kept++] = offsets[i];
            }
        }

        offsets.RemoveRange(kept, offsets.Count - kept);
    }
}
