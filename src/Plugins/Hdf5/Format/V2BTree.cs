using System.Numerics;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>
/// Version 2 B-tree "BTHD"/"BTIN"/"BTLF": enumerates every record in key order. Used for dense link names (type 5)
/// and layout-v4 chunk indexes (types 10 and 11).
/// </summary>
internal sealed class V2BTree
{
    private const int Prefix = 4 + 1 + 1 + 4;

    private readonly Hdf5File _file;
    private readonly int _nodeSize;
    private readonly int _recordSize;
    private readonly int[] _maxRecordsSize;
    private readonly int[] _totalRecordsSize;

    private V2BTree(Hdf5File file, int type, int nodeSize, int recordSize, int depth, ulong root, int rootRecords)
    {
        _file = file;
        Type = type;
        _nodeSize = nodeSize;
        _recordSize = recordSize;
        Depth = depth;
        Root = root;
        RootRecords = rootRecords;
        _maxRecordsSize = new int[depth + 1];
        _totalRecordsSize = new int[depth + 1];

        // How many bytes encode a child's record counts depends on the maximum counts per depth (as libhdf5 computes).
        ulong maxRecords = (ulong)((nodeSize - Prefix) / recordSize);
        ulong cumulative = maxRecords;
        _maxRecordsSize[0] = EncodedSize(maxRecords);
        _totalRecordsSize[0] = 0;
        for (int d = 1; d <= depth; d++)
        {
            int pointer = file.OffsetSize + _maxRecordsSize[d - 1] + (d > 1 ? _totalRecordsSize[d - 1] : 0);
            ulong records = (ulong)((nodeSize - (Prefix + pointer)) / (recordSize + pointer));
            cumulative = ((records + 1) * cumulative) + records;
            _maxRecordsSize[d] = EncodedSize(records);
            _totalRecordsSize[d] = EncodedSize(cumulative);
        }
    }

    public int Type { get; }

    public int Depth { get; }

    public ulong Root { get; }

    public int RootRecords { get; }

    public static V2BTree Read(Hdf5File file, ulong address)
    {
        ByteCursor c = file.Cursor(address, 4 + 1 + 1 + 4 + 2 + 2 + 1 + 1 + file.OffsetSize + 2 + file.LengthSize + 4, "v2 B-tree header");
        c.Signature("BTHD");
        int version = c.U8();
        if (version != 0)
        {
            throw c.Corrupt($"v2 B-tree version {version} is not supported (0 is)");
        }

        int type = c.U8();
        uint nodeSize = c.U32();
        int recordSize = c.U16();
        int depth = c.U16();
        c.Skip(2);
        ulong root = c.Address();
        int rootRecords = c.U16();
        c.LengthField();
        c.Checksum();
        if (nodeSize is < 64 or > 1 << 24 || recordSize == 0 || recordSize > nodeSize || depth > 32)
        {
            throw c.Corrupt("v2 B-tree parameters are not plausible");
        }

        return new V2BTree(file, type, (int)nodeSize, recordSize, depth, root, rootRecords);
    }

    /// <summary>Every record (as a cursor over its bytes), leaves left to right.</summary>
    public IEnumerable<ByteCursor> Records()
    {
        if (Root == Hdf5File.Undefined || RootRecords == 0)
        {
            return [];
        }

        var records = new List<ByteCursor>();
        Visit(Root, RootRecords, Depth, records);
        return records;
    }

    private void Visit(ulong address, int count, int depth, List<ByteCursor> records)
    {
        ByteCursor c = _file.Cursor(address, _nodeSize, depth == 0 ? "v2 B-tree leaf node" : "v2 B-tree internal node");
        c.Signature(depth == 0 ? "BTLF" : "BTIN");
        c.Skip(2);
        if ((long)count * _recordSize > _nodeSize)
        {
            throw c.Corrupt($"v2 B-tree node claims {count} records, more than fit in {_nodeSize} bytes");
        }

        var own = new List<ByteCursor>(count);
        for (int i = 0; i < count; i++)
        {
            long at = c.Here;
            own.Add(new ByteCursor(_file, c.Bytes(_recordSize), at, "v2 B-tree record"));
        }

        if (depth == 0)
        {
            c.Checksum();
            records.AddRange(own);
            return;
        }

        var children = new List<(ulong Address, int Count)>(count + 1);
        for (int i = 0; i <= count; i++)
        {
            ulong child = c.Address();
            int childCount = (int)c.Sized(_maxRecordsSize[depth - 1]);
            if (depth > 1)
            {
                c.Skip(_totalRecordsSize[depth - 1]);
            }

            children.Add((child, childCount));
        }

        c.Checksum();

        // In-order: child 0, record 0, child 1, record 1, ..., child n.
        for (int i = 0; i <= count; i++)
        {
            Visit(children[i].Address, children[i].Count, depth - 1, records);
            if (i < count)
            {
                records.Add(own[i]);
            }
        }
    }

    private static int EncodedSize(ulong value) => (BitOperations.Log2(Math.Max(value, 1)) / 8) + 1;
}
