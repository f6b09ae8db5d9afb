using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.MilvusLegacy.Format;

/// <summary>
/// Streams the live rows of a dataset's segments in reading order (segments as given, rows by offset, deleted rows
/// removed) as batches of at most <see cref="ReadOptions.MaxBatchBytes"/> vector bytes, filled across segment
/// boundaries. Rows are read straight into the batch buffers and deleted ones squeezed out in place, so memory is
/// one batch whatever the segment size.
/// </summary>
internal sealed class SegmentStreamer(IReadOnlyList<Segment> segments, int rowBytes) : IDisposable
{
    private int _segment;
    private long _physical;
    private int _nextDeleted;
    private SafeFileHandle? _vectors;
    private SafeFileHandle? _ids;

    public long LiveRows { get; } = segments.Sum(s => s.LiveRows);

    public IEnumerable<VectorBatch> Read(ReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.StartRow);
        int rowsPerBatch = options.RowsPerBatch(rowBytes);
        long ordinal = Math.Min(options.StartRow, LiveRows);
        SeekLive(ordinal);
        while (ordinal < LiveRows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = (int)Math.Min(rowsPerBatch, LiveRows - ordinal);
            byte[] vectors = ArrayPool<byte>.Shared.Rent(count * rowBytes);
            long[] ids = ArrayPool<long>.Shared.Rent(count);
            try
            {
                Fill(vectors, ids, count);
            }
            catch
            {
                Return(vectors, ids);
                throw;
            }

            yield return new VectorBatch(ordinal, count, rowBytes, vectors.AsMemory(0, count * rowBytes), ids.AsMemory(0, count), release: () => Return(vectors, ids));
            ordinal += count;
        }
    }

    /// <summary>Positions the reader on live row <paramref name="live"/> of the dataset (resume).</summary>
    private void SeekLive(long live)
    {
        _segment = 0;
        while (_segment < segments.Count && live >= segments[_segment].LiveRows)
        {
            live -= segments[_segment].LiveRows;
            _segment++;
        }

        if (_segment < segments.Count)
        {
            Segment current = segments[_segment];
            _physical = current.PhysicalOf(live);
            int found = Array.BinarySearch(current.Deleted, (int)Math.Min(_physical, int.MaxValue));
            _nextDeleted = found >= 0 ? found : ~found;
        }
    }

    private void Fill(byte[] vectors, long[] ids, int count)
    {
        int filled = 0;
        while (filled < count)
        {
            Segment current = segments[_segment];
            if (_physical == current.PhysicalRows)
            {
                NextSegment();
                continue;
            }

            int take = (int)Math.Min(count - filled, current.PhysicalRows - _physical);
            _vectors ??= current.Vectors.File.OpenHandle();
            _ids ??= current.Ids.File.OpenHandle();
            SizedFile.ReadExactly(current.Vectors.File.Path, _vectors, vectors.AsSpan(filled * rowBytes, take * rowBytes), current.Vectors.OffsetOf(_physical));
            Span<long> idSpan = ids.AsSpan(filled, take);
            SizedFile.ReadExactly(current.Ids.File.Path, _ids, MemoryMarshal.AsBytes(idSpan), UidFile.OffsetOf(_physical));
            if (!BitConverter.IsLittleEndian)
            {
                BinaryPrimitives.ReverseEndianness(idSpan, idSpan);
            }

            filled = Compact(current.Deleted, vectors, ids, filled, take);
            _physical += take;
        }
    }

    /// <summary>Removes the deleted rows among the <paramref name="take"/> rows just read at <paramref name="filled"/>.</summary>
    /// <returns>The filled row count after removal.</returns>
    private int Compact(int[] deleted, byte[] vectors, long[] ids, int filled, int take)
    {
        int kept = filled;
        for (int i = 0; i < take; i++)
        {
            if (_nextDeleted < deleted.Length && deleted[_nextDeleted] == _physical + i)
            {
                _nextDeleted++;
                continue;
            }

            int row = filled + i;
            if (kept != row)
            {
                vectors.AsSpan(row * rowBytes, rowBytes).CopyTo(vectors.AsSpan(kept * rowBytes, rowBytes));
                ids[kept] = ids[row];
            }

            kept++;
        }

        return kept;
    }

    private void NextSegment()
    {
        CloseHandles();
        _segment++;
        _physical = 0;
        _nextDeleted = 0;
    }

    private void CloseHandles()
    {
        _vectors?.Dispose();
        _ids?.Dispose();
        _vectors = null;
        _ids = null;
    }

    private static void Return(byte[] vectors, long[] ids)
    {
        ArrayPool<byte>.Shared.Return(vectors);
        ArrayPool<long>.Shared.Return(ids);
    }

    public void Dispose() => CloseHandles();
}
