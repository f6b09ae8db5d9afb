using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>
/// Streams the rows of a <see cref="RowPlan"/> as batches of at most <see cref="ReadOptions.MaxBatchBytes"/> vector
/// bytes (at least one row), filling each batch across segment boundaries so many small IVF lists still make
/// full batches. Only the batch being produced is in memory.
/// </summary>
internal sealed class RowStreamer : IDisposable
{
    private readonly RowPlan _plan;
    private readonly SafeFileHandle?[] _handles;

    public RowStreamer(RowPlan plan)
    {
        _plan = plan;
        _handles = new SafeFileHandle?[plan.Files.Count];
    }

    public IEnumerable<VectorBatch> Read(ReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.StartRow);
        int rowBytes = _plan.RowBytes;
        int rowsPerBatch = options.RowsPerBatch(rowBytes);
        long total = _plan.Rows;
        long ordinal = Math.Min(options.StartRow, total);
        IdTranslator[] translators = [.. _plan.IdMaps.Select(t => new IdTranslator(_plan.Files[0], Handle(0), t))];

        // Find the segment holding the first row wanted.
        int segment = 0;
        long inSegment = ordinal;
        while (segment < _plan.Segments.Count && inSegment >= _plan.Segments[segment].Rows)
        {
            inSegment -= _plan.Segments[segment].Rows;
            segment++;
        }

        while (ordinal < total)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = (int)Math.Min(rowsPerBatch, total - ordinal);
            byte[] vectors = ArrayPool<byte>.Shared.Rent(count * rowBytes);
            long[]? ids = _plan.HasIds ? ArrayPool<long>.Shared.Rent(count) : null;
            try
            {
                int filled = 0;
                while (filled < count)
                {
                    RowSegment current = _plan.Segments[segment];
                    int take = (int)Math.Min(count - filled, current.Rows - inSegment);
                    string file = _plan.Files[current.File];
                    SafeFileHandle handle = Handle(current.File);
                    ReadRows(current, inSegment, take, vectors.AsSpan(filled * rowBytes, take * rowBytes));
                    if (ids is not null)
                    {
                        Span<long> idSpan = ids.AsSpan(filled, take);
                        SegmentReader.ReadExactly(file, handle, MemoryMarshal.AsBytes(idSpan), current.IdsOffset + (inSegment * 8), "ids");
                        if (!BitConverter.IsLittleEndian)
                        {
                            BinaryPrimitives.ReverseEndianness(idSpan, idSpan);
                        }
                    }

                    filled += take;
                    inSegment += take;
                    if (inSegment == current.Rows)
                    {
                        segment++;
                        inSegment = 0;
                    }
                }

                foreach (IdTranslator translator in translators)
                {
                    translator.Translate(ids.AsSpan(0, count));
                }
            }
            catch
            {
                Return(vectors, ids);
                throw;
            }

            // An empty id block means "no ids" (VectorBatch contract).
            ReadOnlyMemory<long> idBlock = ids is null ? default : new ReadOnlyMemory<long>(ids, 0, count);
            yield return new VectorBatch(ordinal, count, rowBytes, vectors.AsMemory(0, count * rowBytes), idBlock, release: () => Return(vectors, ids));
            ordinal += count;
        }
    }

    /// <summary>Reads <paramref name="rows"/> rows of a segment: raw vectors, or codes decoded into vectors.</summary>
    private void ReadRows(RowSegment segment, long first, int rows, Span<byte> destination)
    {
        string file = _plan.Files[segment.File];
        if (_plan.Decoder is not { } decoder)
        {
            SegmentReader.ReadExactly(file, Handle(segment.File), destination, segment.CodesOffset + (first * _plan.RowBytes), "vectors");
            return;
        }

        byte[] codes = ArrayPool<byte>.Shared.Rent(rows * decoder.CodeSize);
        try
        {
            Span<byte> codeSpan = codes.AsSpan(0, rows * decoder.CodeSize);
            SegmentReader.ReadExactly(file, Handle(segment.File), codeSpan, segment.CodesOffset + (first * decoder.CodeSize), "codes");
            decoder.Decode(_plan.Files[0], Handle(0), codeSpan, rows, segment.ListNo, destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(codes);
        }
    }

    private static void Return(byte[] vectors, long[]? ids)
    {
        ArrayPool<byte>.Shared.Return(vectors);
        if (ids is not null)
        {
            ArrayPool<long>.Shared.Return(ids);
        }
    }

    private SafeFileHandle Handle(int file)
    {
        if (_handles[file] is { } open)
        {
            return open;
        }

        string path = _plan.Files[file];
        try
        {
            return _handles[file] = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SourceDataException($"{path}: cannot open: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        foreach (SafeFileHandle? handle in _handles)
        {
            handle?.Dispose();
        }
    }
}
