namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>Link info message (0x0002): where a dense group keeps its links (UNDEF heap = compact links).</summary>
internal sealed record LinkInfo(ulong FractalHeap, ulong NameIndex)
{
    public bool Dense => FractalHeap != Hdf5File.Undefined;

    public static LinkInfo Parse(ByteCursor c)
    {
        int version = c.U8();
        if (version != 0)
        {
            throw c.Corrupt($"link info message version {version} is not supported (0 is)");
        }

        int flags = c.U8();
        if ((flags & 1) != 0)
        {
            c.Skip(8);
        }

        return new LinkInfo(c.Address(), c.Address());
    }
}
