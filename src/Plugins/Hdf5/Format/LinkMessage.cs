using System.Text;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>Link message (0x0006), stored in an object header or as a fractal-heap object of a dense group.</summary>
internal sealed record LinkMessage(string Name, LinkKind Kind, ulong Address, string? Target)
{
    public static LinkMessage Parse(ByteCursor c)
    {
        int version = c.U8();
        if (version != 1)
        {
            throw c.Corrupt($"link message version {version} is not supported (1 is)");
        }

        int flags = c.U8();
        var kind = (flags & 0x08) != 0 ? (LinkKind)c.U8() : LinkKind.Hard;
        if ((flags & 0x04) != 0)
        {
            c.Skip(8);
        }

        if ((flags & 0x10) != 0)
        {
            c.Skip(1);
        }

        int nameLength = (int)Math.Min(c.Sized(1 << (flags & 3)), int.MaxValue);
        string name = Encoding.UTF8.GetString(c.Take(nameLength));
        return kind switch
        {
            LinkKind.Hard => new LinkMessage(name, kind, c.Address(), null),
            LinkKind.Soft => new LinkMessage(name, kind, Hdf5File.Undefined, Encoding.UTF8.GetString(c.Take(c.U16()))),
            _ => new LinkMessage(name, kind, Hdf5File.Undefined, null),
        };
    }
}
