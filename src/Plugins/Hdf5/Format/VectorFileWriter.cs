using System.Buffers.Binary;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>
/// Writes an HDF5 file of contiguous datasets in the root group and in groups one level below it, streaming their
/// rows: the first dataset's rows go straight to the file, the others' to side files appended at the end (variable-
/// length strings to global heap collections, appended first). The metadata (superblock v0, symbol-table groups,
/// one v1 object header per dataset) has a size known up front and is written last, once the row count is known.
/// This is the layout h5py writes with default settings.
/// </summary>
internal sealed class VectorFileWriter : IDisposable
{
    private const int OffsetSize = 8;
    private const int SuperblockSize = 96;
    private const ulong Undefined = ulong.MaxValue;

    private readonly WrittenDataset[] _datasets;
    private readonly string[] _groups;
    private readonly int _leafK;
    private readonly FileStream _main;
    private readonly FileStream?[] _sides;
    private readonly GlobalHeapWriter? _heap;
    private readonly long _dataStart;
    private byte[] _references = [];
    private long _rows;

    public VectorFileWriter(string path, IReadOnlyList<WrittenDataset> datasets)
    {
        if (datasets.Count == 0 || datasets[0].Group.Length > 0 || datasets[0].VariableLengthString)
        {
            throw new ArgumentException("The first dataset (streamed into the file itself) must be a fixed-size dataset of the root group.", nameof(datasets));
        }

        _datasets = [.. datasets];
        _groups = [.. datasets.Select(d => d.Group).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        string[] paths = [.. datasets.Select(d => d.Path).Concat(_groups)];
        if (paths.Distinct(StringComparer.Ordinal).Count() != paths.Length || _groups.Any(g => g.Contains('/', StringComparison.Ordinal)))
        {
            throw new ArgumentException("Dataset and group names must be unique, and groups one level deep: " + string.Join(", ", paths), nameof(datasets));
        }

        // Every group keeps all its members in one symbol table node of 2K entries; K is in the superblock.
        int largest = Math.Max(Members("").Count, _groups.Length == 0 ? 0 : _groups.Max(g => Members(g).Count));
        _leafK = Math.Max(4, (largest + 1) / 2);
        if (_leafK > ushort.MaxValue / 2)
        {
            throw new ArgumentException($"{largest} members do not fit in one group.", nameof(datasets));
        }

        _dataStart = Align(MetadataSize());
        _main = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        _main.SetLength(_dataStart);
        _main.Position = _dataStart;
        _sides = new FileStream?[_datasets.Length];
        for (int i = 1; i < _datasets.Length; i++)
        {
            _sides[i] = new FileStream(path + "." + i + ".side", FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        }

        if (_datasets.Any(d => d.VariableLengthString))
        {
            _heap = new GlobalHeapWriter(path + ".heap.side");
        }
    }

    public long Rows => _rows;

    /// <summary>
    /// Appends rows: for each fixed-size dataset (by path) count × row bytes, and for each string dataset count strings.
    /// </summary>
    public void Append(int count, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> rows, IReadOnlyDictionary<string, IReadOnlyList<string?>>? strings = null)
    {
        for (int i = 0; i < _datasets.Length; i++)
        {
            WrittenDataset d = _datasets[i];
            Stream target = i == 0 ? _main : _sides[i]!;
            if (d.VariableLengthString)
            {
                IReadOnlyList<string?> values = strings is not null && strings.TryGetValue(d.Path, out IReadOnlyList<string?>? found)
                    ? found
                    : throw new ArgumentException($"{d.Path}: no strings given.", nameof(strings));
                WriteStrings(target, d.Path, values, count);
                continue;
            }

            ReadOnlySpan<byte> data = rows[d.Path].Span;
            if (data.Length != count * d.RowBytes)
            {
                throw new ArgumentException($"{d.Path}: {data.Length} bytes for {count} rows of {d.RowBytes}.", nameof(rows));
            }

            target.Write(data);
        }

        _rows += count;
    }

    /// <summary>Appends the heap and the side files, writes the metadata and flushes to disk.</summary>
    public void Complete()
    {
        long heapBase = _main.Position;
        if (_heap is not null)
        {
            _heap.Finish();
            _heap.CopyTo(_main);
        }

        var addresses = new long[_datasets.Length];
        addresses[0] = _dataStart;
        for (int i = 1; i < _datasets.Length; i++)
        {
            addresses[i] = _main.Position;
            CopySide(_sides[i]!, _datasets[i].VariableLengthString ? heapBase : null);
        }

        long end = _main.Position;
        byte[] metadata = Metadata(addresses, end);
        _main.Position = 0;
        _main.Write(metadata);
        _main.Flush(flushToDisk: true);
    }

    public void Dispose()
    {
        _main.Dispose();
        foreach (FileStream? side in _sides)
        {
            side?.Dispose();
        }

        _heap?.Dispose();
    }

    private static long Align(long value) => (value + 7) & ~7L;

    private void WriteStrings(Stream target, string path, IReadOnlyList<string?> values, int count)
    {
        if (values.Count != count)
        {
            throw new ArgumentException($"{path}: {values.Count} strings for {count} rows.", nameof(values));
        }

        int bytes = count * WrittenDataset.VariableLengthElementSize;
        if (_references.Length < bytes)
        {
            _references = new byte[bytes];
        }

        for (int r = 0; r < count; r++)
        {
            _heap!.Add(values[r], _references.AsSpan(r * WrittenDataset.VariableLengthElementSize, WrittenDataset.VariableLengthElementSize));
        }

        target.Write(_references, 0, bytes);
    }

    /// <summary>Copies a side file to the end of the file; string references get their collections' final addresses.</summary>
    private void CopySide(FileStream side, long? heapBase)
    {
        side.Position = 0;
        if (heapBase is null)
        {
            side.CopyTo(_main);
            return;
        }

        byte[] buffer = new byte[WrittenDataset.VariableLengthElementSize * 4096];
        int read;
        while ((read = side.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false)) > 0)
        {
            GlobalHeapWriter.Relocate(buffer.AsSpan(0, read), heapBase.Value);
            _main.Write(buffer, 0, read);
        }
    }

    /// <summary>A group's members (datasets, and for the root the groups below it), sorted as libhdf5 searches them.</summary>
    private List<string> Members(string group) =>
        [.. _datasets.Where(d => d.Group == group).Select(d => d.Name).Concat(group.Length == 0 ? _groups : []).Order(StringComparer.Ordinal)];

    private long MetadataSize() =>
        SuperblockSize
        + SymbolTableGroupWriter.Size(Members(""), _leafK)
        + _groups.Sum(g => SymbolTableGroupWriter.Size(Members(g), _leafK))
        + _datasets.Sum(d => ObjectHeaderWriter.Dataset(d, 0, 0).Length);

    private byte[] Metadata(long[] dataAddresses, long endOfFile)
    {
        // Where everything goes: root group, the groups below it, then the dataset headers.
        var groupAt = new Dictionary<string, long>(StringComparer.Ordinal) { [""] = SuperblockSize };
        long at = SuperblockSize + SymbolTableGroupWriter.Size(Members(""), _leafK);
        foreach (string group in _groups)
        {
            groupAt[group] = at;
            at += SymbolTableGroupWriter.Size(Members(group), _leafK);
        }

        var block = new byte[_dataStart];
        Span<byte> b = block;
        var headerAt = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int i = 0; i < _datasets.Length; i++)
        {
            byte[] header = ObjectHeaderWriter.Dataset(_datasets[i], _rows == 0 ? -1 : dataAddresses[i], _rows);
            header.CopyTo(b[(int)at..]);
            headerAt[_datasets[i].Path] = at;
            at += header.Length;
        }

        foreach (string group in _groups)
        {
            SymbolTableGroupWriter.Write(b, groupAt[group], [.. Members(group).Select(m => (m, headerAt[group + "/" + m]))], _leafK);
        }

        (long rootHeader, long rootTree, long rootHeap) = SymbolTableGroupWriter.Write(
            b, groupAt[""], [.. Members("").Select(m => (m, groupAt.TryGetValue(m, out long g) && m.Length > 0 ? g : headerAt[m]))], _leafK);

        // Superblock v0.
        Superblock.Signature.CopyTo(b);
        b[13] = OffsetSize;
        b[14] = OffsetSize;
        BinaryPrimitives.WriteUInt16LittleEndian(b[16..], (ushort)_leafK);
        BinaryPrimitives.WriteUInt16LittleEndian(b[18..], SymbolTableGroupWriter.GroupInternalK);
        BinaryPrimitives.WriteUInt64LittleEndian(b[24..], 0);
        BinaryPrimitives.WriteUInt64LittleEndian(b[32..], Undefined);
        BinaryPrimitives.WriteUInt64LittleEndian(b[40..], (ulong)endOfFile);
        BinaryPrimitives.WriteUInt64LittleEndian(b[48..], Undefined);
        SymbolTableGroupWriter.Entry(b[56..], 0, rootHeader, cacheType: 1, rootTree, rootHeap);
        return block;
    }
}
