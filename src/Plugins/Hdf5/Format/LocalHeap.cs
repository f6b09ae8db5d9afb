using System.Text;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>Local heap "HEAP": the data segment holding the link names of a symbol-table group.</summary>
internal sealed class LocalHeap(ByteCursor data)
{
    public static LocalHeap Read(Hdf5File file, ulong address)
    {
        ByteCursor c = file.Cursor(address, 8 + (2 * file.LengthSize) + file.OffsetSize, "local heap");
        c.Signature("HEAP");
        int version = c.U8();
        if (version != 0)
        {
            throw c.Corrupt($"local heap version {version} is not supported (0 is)");
        }

        c.Skip(3);
        ulong size = c.LengthField();
        c.LengthField(); // free-list head
        ulong dataAddress = c.Address();
        if (size > (ulong)file.Length)
        {
            throw c.Corrupt($"local heap data segment of {size} bytes is larger than the file");
        }

        return new LocalHeap(file.Cursor(dataAddress, (long)size, "local heap data segment"));
    }

    /// <summary>The NUL-terminated string at an offset in the data segment.</summary>
    public string StringAt(ulong offset)
    {
        if (offset >= (ulong)data.Length)
        {
            throw data.Corrupt($"name offset {offset} is outside the local heap's {data.Length} bytes");
        }

        ReadOnlySpan<byte> rest = data.Data.AsSpan((int)offset);
        int end = rest.IndexOf((byte)0);
        if (end < 0)
        {
            throw data.Corrupt($"the name at local heap offset {offset} is not NUL-terminated");
        }

        return Encoding.UTF8.GetString(rest[..end]);
    }
}
