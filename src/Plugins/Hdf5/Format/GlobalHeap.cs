namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>Global heap collection "GCOL": holds variable-length data such as h5py's str attributes.</summary>
internal static class GlobalHeap
{
    public static byte[] Object(Hdf5File file, ulong collection, uint index)
    {
        ByteCursor head = file.Cursor(collection, 8 + file.LengthSize, "global heap collection");
        head.Signature("GCOL");
        int version = head.U8();
        if (version != 1)
        {
            throw head.Corrupt($"global heap version {version} is not supported (1 is)");
        }

        head.Skip(3);
        ulong size = head.LengthField();
        if (size > (ulong)file.Length)
        {
            throw head.Corrupt($"global heap collection of {size} bytes is larger than the file");
        }

        ByteCursor c = file.Cursor(collection, (long)size, "global heap collection");
        c.Position = 8 + file.LengthSize;
        while (c.Remaining >= 8 + file.LengthSize)
        {
            int id = c.U16();
            c.Skip(6);
            ulong length = c.LengthField();
            if (id == 0)
            {
                break;
            }

            if (length > (ulong)c.Remaining)
            {
                throw c.Corrupt($"global heap object {id} of {length} bytes runs past its collection");
            }

            if (id == index)
            {
                return c.Bytes((int)length);
            }

            c.Skip((int)Math.Min((ulong)c.Remaining, (length + 7) & ~7UL));
        }

        throw c.Corrupt($"global heap object {index} not found");
    }
}
