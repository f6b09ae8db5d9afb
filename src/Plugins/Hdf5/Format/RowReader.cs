using System.Runtime.InteropServices;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>
/// Reads row ranges of a 1-D or 2-D dataset as raw elements (file byte order). Chunked data is decoded one band of
/// chunk rows at a time, so memory stays at one band whatever the dataset size.
/// </summary>
internal sealed class RowReader
{
    /// <summary>A band of chunks larger than this is refused rather than allocated.</summary>
    private const long MaxBandBytes = 512L * 1024 * 1024;

    private readonly Hdf5Dataset _dataset;
    private readonly Hdf5File _file;
    private readonly long _rowBytes;
    private readonly ChunkGrid? _grid;
    private readonly Dictionary<(long, long), ChunkRecord>? _chunks;
    private readonly ChunkFilters? _filters;
    private long _bandIndex = -1;
    private byte[] _band = [];
    private byte[] _stored = [];

    public RowReader(Hdf5Dataset dataset)
    {
        _dataset = dataset;
        _file = dataset.File;
        _rowBytes = dataset.RowBytes;
        DataLayout layout = dataset.Layout;
        long dataBytes = checked(dataset.Rows * _rowBytes);
        switch (layout.Class)
        {
            case LayoutClass.Contiguous:
                if (layout.Address != Hdf5File.Undefined)
                {
                    if (layout.Size < (ulong)dataBytes)
                    {
                        throw new SourceDataException($"{_file.Path}: dataset '{dataset.Path}' stores {layout.Size} bytes; its shape needs {dataBytes}");
                    }

                    _file.CheckRange(_file.Absolute(layout.Address, $"dataset '{dataset.Path}'"), dataBytes, $"dataset '{dataset.Path}'");
                }

                break;
            case LayoutClass.Compact:
                if (layout.CompactData.Length < dataBytes)
                {
                    throw new SourceDataException($"{_file.Path}: compact dataset '{dataset.Path}' stores {layout.CompactData.Length} bytes; its shape needs {dataBytes}");
                }

                break;
            case LayoutClass.Chunked:
                if (layout.ChunkDims.Length != dataset.Rank)
                {
                    throw new SourceDataException($"{_file.Path}: dataset '{dataset.Path}' has rank {dataset.Rank} but {layout.ChunkDims.Length}-D chunks");
                }

                foreach (FilterDescription filter in dataset.Filters.Filters)
                {
                    if (!filter.Supported)
                    {
                        throw ChunkFilters.Unsupported(_file, filter);
                    }
                }

                _grid = new ChunkGrid(dataset.Space.Dims, dataset.Space.MaxDims, layout.ChunkDims, dataset.Type.Size);
                if (_grid.ChunkBytes > MaxBandBytes || (long)layout.ChunkDims[0] * _rowBytes > MaxBandBytes)
                {
                    throw new SourceDataException($"{_file.Path}: dataset '{dataset.Path}' has chunks of {_grid.ChunkBytes} bytes, too large to read");
                }

                _chunks = ChunkIndex.Read(_file, layout, _grid, dataset.Filters.Filters.Count > 0);
                _filters = new ChunkFilters(_file, dataset.Filters, (int)_grid.ChunkBytes);
                break;
            default:
                throw new SourceDataException($"{_file.Path}: dataset '{dataset.Path}' uses the {layout.Class} layout, which is not supported");
        }
    }

    public long Rows => _dataset.Rows;

    public long RowBytes => _rowBytes;

    /// <summary>Copies rows [start, start + count) into <paramref name="destination"/> (count × RowBytes bytes).</summary>
    public void Read(long start, int count, Span<byte> destination)
    {
        if (start < 0 || count < 0 || start + count > Rows || destination.Length < count * _rowBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"rows [{start}, {start + count}) of {Rows}");
        }

        DataLayout layout = _dataset.Layout;
        Span<byte> target = destination[..(int)(count * _rowBytes)];
        switch (layout.Class)
        {
            case LayoutClass.Contiguous when layout.Address == Hdf5File.Undefined:
                target.Clear(); // never written: the fill value, zero for h5py
                break;
            case LayoutClass.Contiguous:
                _file.ReadInto(_file.Absolute(layout.Address, _dataset.Path) + (start * _rowBytes), target, $"dataset '{_dataset.Path}' rows");
                break;
            case LayoutClass.Compact:
                layout.CompactData.AsSpan((int)(start * _rowBytes), target.Length).CopyTo(target);
                break;
            default:
                ReadChunked(start, count, target);
                break;
        }
    }

    private void ReadChunked(long start, int count, Span<byte> target)
    {
        long bandRows = (long)_grid!.ChunkDims[0];
        long row = start;
        int written = 0;
        while (row < start + count)
        {
            long band = row / bandRows;
            LoadBand(band);
            long inBand = row - (band * bandRows);
            long take = Math.Min(bandRows - inBand, start + count - row);
            _band.AsSpan((int)(inBand * _rowBytes), (int)(take * _rowBytes)).CopyTo(target[(int)(written * _rowBytes)..]);
            written += (int)take;
            row += take;
        }
    }

    private void LoadBand(long band)
    {
        if (band == _bandIndex)
        {
            return;
        }

        ChunkGrid grid = _grid!;
        long bandRows = (long)grid.ChunkDims[0];
        int rowsHere = (int)Math.Min(bandRows, Rows - (band * bandRows));
        if (_band.Length < bandRows * _rowBytes)
        {
            _band = new byte[bandRows * _rowBytes];
        }

        int elementSize = _dataset.Type.Size;
        long chunkColumns = grid.Dims.Length > 1 ? (long)grid.ChunkDims[1] : 1;
        long columns = _dataset.Columns;
        int chunkBytes = (int)grid.ChunkBytes;
        int chunkRowBytes = (int)(chunkColumns * elementSize);
        int rowBytes = (int)_rowBytes;
        for (long c = 0; c < grid.ColumnChunks; c++)
        {
            long firstColumn = c * chunkColumns;
            int offset = (int)(firstColumn * elementSize);
            int widthBytes = (int)(Math.Min(chunkColumns, columns - firstColumn) * elementSize);
            if (!_chunks!.TryGetValue((band, c), out ChunkRecord chunk))
            {
                for (int r = 0; r < rowsHere; r++)
                {
                    _band.AsSpan((r * rowBytes) + offset, widthBytes).Clear();
                }

                continue;
            }

            // Edge chunks are stored full size: copy only the part inside the dataset.
            Scatter(Decode(chunk, chunkBytes), chunkRowBytes, _band, rowBytes, offset, widthBytes, rowsHere);
        }

        _bandIndex = band;
    }

    /// <summary>Copies a chunk's rows into their columns of the band; narrow chunks get a copy loop without a call per row.</summary>
    private static void Scatter(ReadOnlySpan<byte> chunk, int chunkRowBytes, Span<byte> band, int rowBytes, int offset, int widthBytes, int rows)
    {
        if (widthBytes == rowBytes && chunkRowBytes == rowBytes)
        {
            chunk[..(rows * rowBytes)].CopyTo(band);
            return;
        }

        switch (widthBytes)
        {
            case 4:
                for (int r = 0; r < rows; r++)
                {
                    MemoryMarshal.Write(band.Slice((r * rowBytes) + offset, 4), MemoryMarshal.Read<uint>(chunk.Slice(r * chunkRowBytes, 4)));
                }

                break;
            case 8:
                for (int r = 0; r < rows; r++)
                {
                    MemoryMarshal.Write(band.Slice((r * rowBytes) + offset, 8), MemoryMarshal.Read<ulong>(chunk.Slice(r * chunkRowBytes, 8)));
                }

                break;
            default:
                for (int r = 0; r < rows; r++)
                {
                    chunk.Slice(r * chunkRowBytes, widthBytes).CopyTo(band[((r * rowBytes) + offset)..]);
                }

                break;
        }
    }

    private ReadOnlySpan<byte> Decode(ChunkRecord chunk, int chunkBytes)
    {
        long at = _file.Absolute(chunk.Address, "chunk");
        bool filtered = _dataset.Filters.Filters.Count > 0;
        if (!filtered && chunk.StoredSize < (ulong)chunkBytes)
        {
            throw SourceDataException.At(_file.Path, at, $"unfiltered chunk stores {chunk.StoredSize} bytes; {chunkBytes} were expected");
        }

        long size = filtered ? (long)chunk.StoredSize : chunkBytes;
        string what = $"chunk ({chunk.Row}, {chunk.Column}) of '{_dataset.Path}'";
        _file.CheckRange(at, size, what);
        if (_stored.Length < size)
        {
            _stored = new byte[size];
        }

        _file.ReadInto(at, _stored.AsSpan(0, (int)size), what);
        return filtered ? _filters!.Decode(at, _stored, (int)size, chunk.FilterMask) : _stored.AsSpan(0, chunkBytes);
    }
}
