namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>
/// A version 1 B-tree node "TREE" (type 0: group nodes, type 1: raw data chunks). Keys stay raw; the caller knows
/// their shape.
/// </summary>
internal sealed record V1BTreeNode(int NodeType, int Level, ulong[] Children, ByteCursor[] Keys)
{
    public static V1BTreeNode Read(Hdf5File file, ulong address, int expectedType, int keySize)
    {
        int header = 8 + (2 * file.OffsetSize);
        ByteCursor head = file.Cursor(address, header, "v1 B-tree node");
        head.Signature("TREE");
        int type = head.U8();
        int level = head.U8();
        int entries = head.U16();
        if (type != expectedType)
        {
            throw head.Corrupt($"v1 B-tree node of type {type} where type {expectedType} was expected");
        }

        long size = header + ((long)entries * (keySize + file.OffsetSize)) + keySize;
        ByteCursor c = file.Cursor(address, size, "v1 B-tree node");
        c.Position = header;
        var keys = new ByteCursor[entries + 1];
        var children = new ulong[entries];
        for (int i = 0; i < entries; i++)
        {
            keys[i] = new ByteCursor(file, c.Bytes(keySize), c.Here - keySize, "v1 B-tree key");
            children[i] = c.Address();
        }

        keys[entries] = new ByteCursor(file, c.Bytes(keySize), c.Here - keySize, "v1 B-tree key");
        return new V1BTreeNode(type, level, children, keys);
    }
}
