using System.Buffers.Binary;
using System.Text;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>
/// Writes an HDF5 file of root datasets stored contiguously, streaming their rows: the first dataset's rows go
/// straight to the file, the others' to side files appended at the end; the metadata (superblock v0, root object
/// header, local heap, group B-tree, symbol table node, one v1 object header per dataset) has a size known up front
/// and is written last, once the row count is known. This is the layout h5py writes with default settings.
/// </summary>
internal sealed class VectorFileWriter : IDisposable
{
    private const int OffsetSize = 8;
    private const int GroupLeafK = 4;
    private const int GroupInternalK = 16;
    private const ulong Undefined = ulong.MaxValue;

    private readonly string _path;
    private readonly WrittenDataset[] _datasets;
    private readonly FileStream _main;
    private readonly FileStream?[] _sides;
    private readonly long _dataStart;
    private long _rows;

    public VectorFileWriter(string path, IReadOnlyList<WrittenDataset> datasets)
    {
        if (datasets.Count is 0 or > 2 * GroupLeafK)
        {
            throw new ArgumentException("Between 1 and 8 datasets fit in one symbol table node.", nameof(datasets));
        }

        _path = path;

        // libhdf5 binary-searches a symbol table node: entries must be sorted by name.
        _datasets = [.. datasets.OrderBy(d => d.Name, StringComparer.Ordinal)];
        _dataStart = Align(MetadataSize());
        _main = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        _main.SetLength(_dataStart);
        _main.Position = _dataStart;
        _sides = new FileStream?[_datasets.Length];
        for (int i = 1; i < _datasets.Length; i++)
        {
            _sides[i] = new FileStream(path + "." + i + ".side", FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        }
    }

    public long Rows => _rows;

    /// <summary>Appends rows: one span per dataset (in the order given to the constructor), each count × row bytes.</summary>
    public void Append(int count, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> rows)
    {
        for (int i = 0; i < _datasets.Length; i++)
        {
            ReadOnlySpan<byte> data = rows[_datasets[i].Name].Span;
            if (data.Length != count * _datasets[i].RowBytes)
            {
                throw new ArgumentException($"{_datasets[i].Name}: {data.Length} bytes for {count} rows of {_datasets[i].RowBytes}.", nameof(rows));
            }

            (i == 0 ? _main : _sides[i]!).Write(data);
        }

        _rows += count;
    }

    /// <summary>Appends the side files, writes the metadata and flushes to disk.</summary>
    public void Complete()
    {
        var addresses = new long[_datasets.Length];
        addresses[0] = _dataStart;
        for (int i = 1; i < _datasets.Length; i++)
        {
            addresses[i] = _main.Position;
            FileStream side = _sides[i]!;
            side.Position = 0;
            side.CopyTo(_main);
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
    }

    private static long Align(long value) => (value + 7) & ~7L;

    // Layout of the metadata block, in this order.
    private const int SuperblockSize = 96;
    private const int RootHeaderSize = 16 + 8 + 16;
    private const int HeapHeaderSize = 32;
    private const int TreeSize = 24 + ((2 * GroupInternalK) + 1) * 8 + (2 * GroupInternalK * 8);
    private const int SymbolNodeSize = 8 + (2 * GroupLeafK * 40);

    private int HeapDataSize() => 8 + _datasets.Sum(d => (int)Align(Encoding.UTF8.GetByteCount(d.Name) + 1));

    private long MetadataSize() =>
        SuperblockSize + RootHeaderSize + HeapHeaderSize + HeapDataSize() + TreeSize + SymbolNodeSize + _datasets.Sum(d => DatasetHeader(d, 0, 0).Length);

    private byte[] Metadata(long[] dataAddresses, long endOfFile)
    {
        long rootHeader = SuperblockSize;
        long heap = rootHeader + RootHeaderSize;
        long heapData = heap + HeapHeaderSize;
        long tree = heapData + HeapDataSize();
        long symbolNode = tree + TreeSize;
        long headers = symbolNode + SymbolNodeSize;

        var block = new byte[_dataStart];
        Span<byte> b = block;

        // Superblock v0.
        Superblock.Signature.CopyTo(b);
        b[13] = OffsetSize;
        b[14] = OffsetSize;
        BinaryPrimitives.WriteUInt16LittleEndian(b[16..], GroupLeafK);
        BinaryPrimitives.WriteUInt16LittleEndian(b[18..], GroupInternalK);
        BinaryPrimitives.WriteUInt64LittleEndian(b[24..], 0);
        BinaryPrimitives.WriteUInt64LittleEndian(b[32..], Undefined);
        BinaryPrimitives.WriteUInt64LittleEndian(b[40..], (ulong)endOfFile);
        BinaryPrimitives.WriteUInt64LittleEndian(b[48..], Undefined);
        SymbolEntry(b[56..], 0, rootHeader, cacheType: 1, tree, heap);

        // Root object header v1: one symbol table message.
        ObjectHeaderPrefix(b[(int)rootHeader..], messages: 1, size: 8 + 16);
        MessageHeader(b[(int)(rootHeader + 16)..], HeaderMessage.SymbolTable, 16);
        BinaryPrimitives.WriteInt64LittleEndian(b[(int)(rootHeader + 24)..], tree);
        BinaryPrimitives.WriteInt64LittleEndian(b[(int)(rootHeader + 32)..], heap);

        // Local heap: "" at offset 0, then the names 8-aligned; "no free block" is 1 (H5HL_FREE_NULL), not UNDEF.
        Encoding.ASCII.GetBytes("HEAP").CopyTo(b[(int)heap..]);
        BinaryPrimitives.WriteInt64LittleEndian(b[(int)(heap + 8)..], HeapDataSize());
        BinaryPrimitives.WriteInt64LittleEndian(b[(int)(heap + 16)..], 1);
        BinaryPrimitives.WriteInt64LittleEndian(b[(int)(heap + 24)..], heapData);
        var nameOffsets = new long[_datasets.Length];
        long nameAt = 8;
        for (int i = 0; i < _datasets.Length; i++)
        {
            nameOffsets[i] = nameAt;
            Encoding.UTF8.GetBytes(_datasets[i].Name).CopyTo(b[(int)(heapData + nameAt)..]);
            nameAt += Align(Encoding.UTF8.GetByteCount(_datasets[i].Name) + 1);
        }

        // Group B-tree: one leaf entry pointing at the symbol table node; keys bracket the names.
        Encoding.ASCII.GetBytes("TREE").CopyTo(b[(int)tree..]);
        b[(int)tree + 4] = 0;
        b[(int)tree + 5] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(b[(int)(tree + 6)..], 1);
        BinaryPrimitives.WriteUInt64LittleEndian(b[(int)(tree + 8)..], Undefined);
        BinaryPrimitives.WriteUInt64LittleEndian(b[(int)(tree + 16)..], Undefined);
        BinaryPrimitives.WriteInt64LittleEndian(b[(int)(tree + 24)..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(b[(int)(tree + 32)..], symbolNode);
        BinaryPrimitives.WriteInt64LittleEndian(b[(int)(tree + 40)..], nameOffsets[^1]);

        // Symbol table node.
        Encoding.ASCII.GetBytes("SNOD").CopyTo(b[(int)symbolNode..]);
        b[(int)symbolNode + 4] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(b[(int)(symbolNode + 6)..], (ushort)_datasets.Length);
        long header = headers;
        for (int i = 0; i < _datasets.Length; i++)
        {
            SymbolEntry(b[(int)(symbolNode + 8 + (i * 40))..], nameOffsets[i], header, cacheType: 0, 0, 0);
            bool empty = _rows == 0;
            byte[] oh = DatasetHeader(_datasets[i], empty ? -1 : dataAddresses[i], _rows);
            oh.CopyTo(b[(int)header..]);
            header += oh.Length;
        }

        return block;
    }

    private static void SymbolEntry(Span<byte> b, long nameOffset, long header, int cacheType, long tree, long heap)
    {
        BinaryPrimitives.WriteInt64LittleEndian(b, nameOffset);
        BinaryPrimitives.WriteInt64LittleEndian(b[8..], header);
        BinaryPrimitives.WriteInt32LittleEndian(b[16..], cacheType);
        if (cacheType == 1)
        {
            BinaryPrimitives.WriteInt64LittleEndian(b[24..], tree);
            BinaryPrimitives.WriteInt64LittleEndian(b[32..], heap);
        }
    }

    private static void ObjectHeaderPrefix(Span<byte> b, int messages, int size)
    {
        b[0] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(b[2..], (ushort)messages);
        BinaryPrimitives.WriteUInt32LittleEndian(b[4..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(b[8..], (uint)size);
    }

    private static void MessageHeader(Span<byte> b, int type, int size)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)type);
        BinaryPrimitives.WriteUInt16LittleEndian(b[2..], (ushort)size);
    }

    /// <summary>A dataset's object header v1: dataspace, datatype, fill value, contiguous layout, attributes.</summary>
    private static byte[] DatasetHeader(WrittenDataset d, long address, long rows)
    {
        var messages = new List<(int Type, byte[] Body)>();
        int rank = d.Rank;
        bool twoD = rank == 2;
        byte[] space = new byte[8 + (8 * rank)];
        space[0] = 1;
        space[1] = (byte)rank;
        BinaryPrimitives.WriteInt64LittleEndian(space.AsSpan(8), rows);
        if (twoD)
        {
            BinaryPrimitives.WriteInt64LittleEndian(space.AsSpan(16), d.Columns);
        }

        messages.Add((HeaderMessage.Dataspace, space));
        messages.Add((HeaderMessage.Datatype, d.Datatype));
        messages.Add((HeaderMessage.FillValue, [2, 2, 2, 0]));
        byte[] layout = new byte[18];
        layout[0] = 3;
        layout[1] = 1;
        BinaryPrimitives.WriteUInt64LittleEndian(layout.AsSpan(2), address < 0 ? Undefined : (ulong)address);
        BinaryPrimitives.WriteInt64LittleEndian(layout.AsSpan(10), rows * d.RowBytes);
        messages.Add((HeaderMessage.Layout, layout));
        foreach (WrittenAttribute attribute in d.Attributes)
        {
            messages.Add((HeaderMessage.Attribute, Attribute(attribute)));
        }

        int size = messages.Sum(m => 8 + (int)Align(m.Body.Length));
        byte[] header = new byte[16 + size];
        ObjectHeaderPrefix(header, messages.Count, size);
        int at = 16;
        foreach ((int type, byte[] body) in messages)
        {
            int padded = (int)Align(body.Length);
            MessageHeader(header.AsSpan(at), type, padded);
            body.CopyTo(header.AsSpan(at + 8));
            at += 8 + padded;
        }

        return header;
    }

    /// <summary>Attribute message v1: name, datatype and dataspace each padded to 8 bytes, then the value.</summary>
    private static byte[] Attribute(WrittenAttribute a)
    {
        byte[] name = Encoding.UTF8.GetBytes(a.Name + "\0");
        byte[] scalar = [1, 0, 0, 0, 0, 0, 0, 0];
        int size = 8 + (int)Align(name.Length) + (int)Align(a.Datatype.Length) + scalar.Length + a.Value.Length;
        byte[] body = new byte[size];
        body[0] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), (ushort)name.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(4), (ushort)a.Datatype.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(6), (ushort)scalar.Length);
        int at = 8;
        name.CopyTo(body, at);
        at += (int)Align(name.Length);
        a.Datatype.CopyTo(body, at);
        at += (int)Align(a.Datatype.Length);
        scalar.CopyTo(body, at);
        at += scalar.Length;
        a.Value.CopyTo(body, at);
        return body;
    }
}
