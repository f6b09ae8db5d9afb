namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>Symbol table node "SNOD": a group's entries (name offset in the local heap, object header address).</summary>
internal static class SymbolTableNode
{
    public static IEnumerable<(ulong NameOffset, ulong Address)> Read(Hdf5File file, ulong address)
    {
        ByteCursor head = file.Cursor(address, 8, "symbol table node");
        head.Signature("SNOD");
        int version = head.U8();
        if (version != 1)
        {
            throw head.Corrupt($"symbol table node version {version} is not supported (1 is)");
        }

        head.Skip(1);
        int count = head.U16();
        int entrySize = (2 * file.OffsetSize) + 8 + 16;
        ByteCursor c = file.Cursor(address, 8 + ((long)count * entrySize), "symbol table node");
        c.Position = 8;
        var entries = new List<(ulong, ulong)>(count);
        for (int i = 0; i < count; i++)
        {
            ulong name = c.Address();
            ulong header = c.Address();
            c.Skip(24); // cache type, reserved, scratch pad
            entries.Add((name, header));
        }

        return entries;
    }
}
