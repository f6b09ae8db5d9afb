namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>Layout v4 chunk index type 3: fixed array "FAHD" with its data block "FADB" (paged when large).</summary>
internal static class FixedArrayIndex
{
    public static void Collect(Hdf5File file, ulong address, ChunkGrid grid, bool filtered, Dictionary<(long, long), ChunkRecord> chunks)
    {
        ByteCursor h = file.Cursor(address, 4 + 1 + 1 + 1 + 1 + file.LengthSize + file.OffsetSize + 4, "fixed array header");
        h.Signature("FAHD");
        h.Skip(2); // version, client
        int elementSize = h.U8();
        int pageBits = h.U8();
        ulong entries = h.LengthField();
        ulong dataBlock = h.Address();
        h.Checksum();
        if (entries > (ulong)grid.TotalChunks || pageBits > 32 || elementSize < file.OffsetSize)
        {
            throw h.Corrupt($"fixed array of {entries} entries does not match the dataset's {grid.TotalChunks} chunks");
        }

        if (dataBlock == Hdf5File.Undefined)
        {
            return;
        }

        int prefix = 4 + 1 + 1 + file.OffsetSize;
        ulong pageSize = 1UL << pageBits;
        if (entries <= pageSize)
        {
            ByteCursor c = file.Cursor(dataBlock, prefix + ((long)entries * elementSize) + 4, "fixed array data block");
            c.Signature("FADB");
            c.Position = c.Length - 4;
            c.Checksum();
            c.Position = prefix;
            for (long i = 0; i < (long)entries; i++)
            {
                Add(c, i, elementSize, grid, filtered, chunks);
            }

            return;
        }

        long pages = (long)((entries + pageSize - 1) / pageSize);
        int bitmap = (int)((pages + 7) / 8);
        ByteCursor head = file.Cursor(dataBlock, prefix + bitmap + 4, "fixed array data block");
        head.Signature("FADB");
        head.Position = prefix;
        byte[] initialized = head.Bytes(bitmap);
        head.Checksum();
        ulong pageAddress = dataBlock + (ulong)(prefix + bitmap + 4);
        for (long p = 0; p < pages; p++)
        {
            long inPage = (long)Math.Min(pageSize, entries - ((ulong)p * pageSize));
            long pageBytes = (inPage * elementSize) + 4;
            if ((initialized[p / 8] & (0x80 >> (int)(p % 8))) != 0)
            {
                ByteCursor c = file.Cursor(pageAddress, pageBytes, "fixed array data block page");
                c.Position = c.Length - 4;
                c.Checksum();
                c.Position = 0;
                for (long i = 0; i < inPage; i++)
                {
                    Add(c, (p * (long)pageSize) + i, elementSize, grid, filtered, chunks);
                }
            }

            // Pages are laid out at full size whether or not they are initialized.
            pageAddress += (ulong)((long)pageSize * elementSize) + 4;
        }
    }

    private static void Add(ByteCursor c, long index, int elementSize, ChunkGrid grid, bool filtered, Dictionary<(long, long), ChunkRecord> chunks)
    {
        int start = c.Position;
        ulong address = c.Address();
        ulong size = (ulong)grid.ChunkBytes;
        uint mask = 0;
        if (filtered)
        {
            size = c.Sized(elementSize - c.File.OffsetSize - 4);
            mask = c.U32();
        }

        c.Position = start + elementSize;
        if (address != Hdf5File.Undefined)
        {
            (long row, long column) = grid.FromLinear(index);
            chunks[(row, column)] = new ChunkRecord(row, column, address, size, mask);
        }
    }
}
