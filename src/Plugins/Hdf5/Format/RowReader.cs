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
    private long _bandIndex = -1;
    private byte[] _band = [];

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
        long rowsHere = Math.Min(bandRows, Rows - (band * bandRows));
        if (_band.Length < bandRows * _rowBytes)
        {
            _band = new byte[bandRows * _rowBytes];
        }

        int elementSize = _dataset.Type.Size;
        long chunkColumns = grid.Dims.Length > 1 ? (long)grid.ChunkDims[1] : 1;
        long columns = _dataset.Columns;
        int chunkBytes = (int)grid.ChunkBytes;
        for (long c = 0; c < grid.ColumnChunks; c++)
        {
            long firstColumn = c * chunkColumns;
            long width = Math.Min(chunkColumns, columns - firstColumn);
            if (!_chunks!.TryGetValue((band, c), out ChunkRecord chunk))
            {
                for (long r = 0; r < rowsHere; r++)
                {
                    _band.AsSpan((int)((r * _rowBytes) + (firstColumn * elementSize)), (int)(width * elementSize)).Clear();
                }

                continue;
            }

            byte[] data = Decode(chunk, chunkBytes);

            // Edge chunks are stored full size: copy only the part inside the dataset.
            for (long r = 0; r < rowsHere; r++)
            {
                data.AsSpan((int)(r * chunkColumns * elementSize), (int)(width * elementSize))
                    .CopyTo(_band.AsSpan((int)((r * _rowBytes) + (firstColumn * elementSize))));
            }
        }

        _bandIndex = band;
    }

    private byte[] Decode(ChunkRecord chunk, int chunkBytes)
    {
        long at = _file.Absolute(chunk.Address, "chunk");
        if (_dataset.Filters.Filters.Count == 0)
        {
            if (chunk.StoredSize < (ulong)chunkBytes)
            {
                throw SourceDataException.At(_file.Path, at, $"unfiltered chunk stores {chunk.StoredSize} bytes; {chunkBytes} were expected");
            }

            return _file.ReadExact(at, chunkBytes, $"chunk ({chunk.Row}, {chunk.Column}) of '{_dataset.Path}'");
        }

        byte[] stored = _file.ReadExact(at, (long)chunk.StoredSize, $"chunk ({chunk.Row}, {chunk.Column}) of '{_dataset.Path}'");
        return ChunkFilters.Decode(_file, at, stored, _dataset.Filters, chunk.FilterMask, chunkBytes);
    }
}
