namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>
/// Where an object keeps its links or attributes densely (libver 'latest' and more than 8 of them): a fractal heap
/// of messages indexed by name in a v2 B-tree. Parsed from the link info message (0x0002, B-tree type 5) or the
/// attribute info message (0x0015, B-tree type 8); an undefined heap means the messages are in the object header.
/// </summary>
internal sealed record DenseStorage(ulong FractalHeap, ulong NameIndex)
{
    public bool Dense => FractalHeap != Hdf5File.Undefined;

    /// <summary>Link info: the maximum creation index (flags bit 0) is 8 bytes.</summary>
    public static DenseStorage ParseLinkInfo(ByteCursor c) => Parse(c, "link info", 8);

    /// <summary>Attribute info: the maximum creation index (flags bit 0) is 2 bytes.</summary>
    public static DenseStorage ParseAttributeInfo(ByteCursor c) => Parse(c, "attribute info", 2);

    private static DenseStorage Parse(ByteCursor c, string message, int creationIndexBytes)
    {
        int version = c.U8();
        if (version != 0)
        {
            throw c.Corrupt($"{message} message version {version} is not supported (0 is)");
        }

        int flags = c.U8();
        if ((flags & 1) != 0)
        {
            c.Skip(creationIndexBytes);
        }

        // A creation-order index (flags bit 1) may follow; the name index is enough here.
        return new DenseStorage(c.Address(), c.Address());
    }
}
