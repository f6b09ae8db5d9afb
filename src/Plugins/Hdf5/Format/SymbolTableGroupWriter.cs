using System.Buffers.Binary;
using System.Text;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>
/// Lays out one symbol-table group as h5py's default files have it: a v1 object header with a symbol table message,
/// a local heap of member names, a group B-tree with one leaf entry, and one symbol table node holding every member
/// (the superblock's group leaf K is chosen so they fit).
/// </summary>
internal static class SymbolTableGroupWriter
{
    public const int GroupInternalK = 16;
    private const int OffsetSize = 8;
    private const ulong Undefined = ulong.MaxValue;
    private const int HeaderSize = 16 + 8 + 16;
    private const int HeapHeaderSize = 32;
    private const int TreeSize = 24 + (((2 * GroupInternalK) + 1) * 8) + (2 * GroupInternalK * 8);
    private const int EntrySize = 40;

    /// <summary>Bytes the group's structures take for these member names.</summary>
    public static int Size(IEnumerable<string> names, int leafK) => HeaderSize + HeapHeaderSize + HeapDataSize(names) + TreeSize + NodeSize(leafK);

    /// <summary>
    /// Writes the group at <paramref name="at"/> (a file offset within <paramref name="file"/>); members must be sorted by
    /// name (libhdf5 binary-searches the node). Returns the addresses of its object header, B-tree and local heap.
    /// </summary>
    public static (long Header, long Tree, long Heap) Write(Span<byte> file, long at, IReadOnlyList<(string Name, long Header)> members, int leafK)
    {
        long header = at;
        long heap = header + HeaderSize;
        long heapData = heap + HeapHeaderSize;
        int heapDataSize = HeapDataSize(members.Select(m => m.Name));
        long tree = heapData + heapDataSize;
        long node = tree + TreeSize;

        // Object header v1: one symbol table message.
        ObjectHeaderWriter.Prefix(file[(int)header..], messages: 1, size: 8 + 16);
        ObjectHeaderWriter.MessageHeader(file[(int)(header + 16)..], HeaderMessage.SymbolTable, 16);
        BinaryPrimitives.WriteInt64LittleEndian(file[(int)(header + 24)..], tree);
        BinaryPrimitives.WriteInt64LittleEndian(file[(int)(header + 32)..], heap);

        // Local heap: "" at offset 0, then the names 8-aligned; "no free block" is 1 (H5HL_FREE_NULL), not UNDEF.
        "HEAP"u8.CopyTo(file[(int)heap..]);
        BinaryPrimitives.WriteInt64LittleEndian(file[(int)(heap + 8)..], heapDataSize);
        BinaryPrimitives.WriteInt64LittleEndian(file[(int)(heap + 16)..], 1);
        BinaryPrimitives.WriteInt64LittleEndian(file[(int)(heap + 24)..], heapData);
        var nameOffsets = new long[members.Count];
        long nameAt = 8;
        for (int i = 0; i < members.Count; i++)
        {
            nameOffsets[i] = nameAt;
            Encoding.UTF8.GetBytes(members[i].Name).CopyTo(file[(int)(heapData + nameAt)..]);
            nameAt += Align(Encoding.UTF8.GetByteCount(members[i].Name) + 1);
        }

        // Group B-tree: one leaf entry pointing at the symbol table node; its keys bracket the names.
        "TREE"u8.CopyTo(file[(int)tree..]);
        BinaryPrimitives.WriteUInt16LittleEndian(file[(int)(tree + 6)..], 1);
        BinaryPrimitives.WriteUInt64LittleEndian(file[(int)(tree + 8)..], Undefined);
        BinaryPrimitives.WriteUInt64LittleEndian(file[(int)(tree + 16)..], Undefined);
        BinaryPrimitives.WriteInt64LittleEndian(file[(int)(tree + 24)..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(file[(int)(tree + 32)..], node);
        BinaryPrimitives.WriteInt64LittleEndian(file[(int)(tree + 40)..], nameOffsets.Length == 0 ? 0 : nameOffsets[^1]);

        // Symbol table node.
        "SNOD"u8.CopyTo(file[(int)node..]);
        file[(int)node + 4] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(file[(int)(node + 6)..], (ushort)members.Count);
        for (int i = 0; i < members.Count; i++)
        {
            Entry(file[(int)(node + 8 + (i * EntrySize))..], nameOffsets[i], members[i].Header, cacheType: 0, 0, 0);
        }

        return (header, tree, heap);
    }

    /// <summary>A symbol table entry: name offset, object header address, cache type (1 caches a group's B-tree and heap).</summary>
    public static void Entry(Span<byte> b, long nameOffset, long header, int cacheType, long tree, long heap)
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

    private static int NodeSize(int leafK) => 8 + (2 * leafK * EntrySize);

    private static int HeapDataSize(IEnumerable<string> names) => OffsetSize + names.Sum(n => Align(Encoding.UTF8.GetByteCount(n) + 1));

    private static int Align(int value) => (value + 7) & ~7;
}
