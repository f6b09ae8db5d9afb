using System.Text;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>Filter pipeline message (0x000B), versions 1 and 2.</summary>
internal sealed record FilterPipeline(IReadOnlyList<FilterDescription> Filters)
{
    public static FilterPipeline None { get; } = new([]);

    public static FilterPipeline Parse(ByteCursor c)
    {
        int version = c.U8();
        int count = c.U8();
        if (version is not (1 or 2))
        {
            throw c.Corrupt($"filter pipeline version {version} is not supported (1 and 2 are)");
        }

        if (count > 32)
        {
            throw c.Corrupt($"filter pipeline lists {count} filters; HDF5 allows at most 32");
        }

        if (version == 1)
        {
            c.Skip(6);
        }

        var filters = new List<FilterDescription>();
        for (int i = 0; i < count; i++)
        {
            int id = c.U16();
            int nameLength = version == 1 || id >= 256 ? c.U16() : 0;
            int flags = c.U16();
            int values = c.U16();
            string? name = null;
            if (nameLength > 0)
            {
                int padded = version == 1 ? (nameLength + 7) & ~7 : nameLength;
                byte[] raw = c.Bytes(padded);
                name = Encoding.ASCII.GetString(raw, 0, Math.Min(nameLength, raw.Length)).TrimEnd('\0');
            }

            var data = new uint[values];
            for (int v = 0; v < values; v++)
            {
                data[v] = c.U32();
            }

            if (version == 1 && values % 2 == 1)
            {
                c.Skip(4);
            }

            filters.Add(new FilterDescription(id, name, (flags & 1) != 0, data));
        }

        return new FilterPipeline(filters);
    }
}
