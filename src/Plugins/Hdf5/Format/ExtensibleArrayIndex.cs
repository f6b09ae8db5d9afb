using System.Numerics;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>
/// Layout v4 chunk index type 4 (one unlimited dimension): extensible array header "EAHD", index block "EAIB",
/// secondary blocks "EASB" and data blocks "EADB". Element i is chunk i in row-major order with the unlimited
/// (first) dimension slowest.
/// </summary>
internal static class ExtensibleArrayIndex
{
    public static void Collect(Hdf5File file, ulong address, ChunkGrid grid, bool filtered, Dictionary<(long, long), ChunkRecord> chunks)
    {
        int o = file.OffsetSize;
        ByteCursor h = file.Cursor(address, 4 + 1 + 1 + 6 + (6 * file.LengthSize) + o + 4, "extensible array header");
        h.Signature("EAHD");
        h.Skip(2);
        int elementSize = h.U8();
        int maxBits = h.U8();
        int indexElements = h.U8();
        int dataBlockMin = h.U8();
        int secondaryMinPointers = h.U8();
        int pageBits = h.U8();
        for (int i = 0; i < 6; i++)
        {
            h.LengthField();
        }

        ulong indexBlock = h.Address();
        h.Checksum();
        if (elementSize < o || maxBits is 0 or > 64 || !BitOperations.IsPow2(dataBlockMin) || !BitOperations.IsPow2(secondaryMinPointers) || BitOperations.Log2((uint)dataBlockMin) >= maxBits)
        {
            throw h.Corrupt("extensible array parameters are not plausible");
        }

        if (indexBlock == Hdf5File.Undefined)
        {
            return;
        }

        int superBlocks = 1 + maxBits - BitOperations.Log2((uint)dataBlockMin);
        int directSuperBlocks = 2 * BitOperations.Log2((uint)secondaryMinPointers);
        int directDataBlocks = 2 * (secondaryMinPointers - 1);
        int secondaryCount = Math.Max(0, superBlocks - directSuperBlocks);
        int blockOffsetBytes = (maxBits + 7) / 8;
        int prefix = 4 + 1 + 1 + o;
        long total = grid.TotalChunks;

        ByteCursor ib = file.Cursor(indexBlock, prefix + ((long)indexElements * elementSize) + ((long)(directDataBlocks + secondaryCount) * o) + 4, "extensible array index block");
        ib.Signature("EAIB");
        ib.Position = ib.Length - 4;
        ib.Checksum();
        ib.Position = prefix;
        long index = 0;
        for (int i = 0; i < indexElements; i++, index++)
        {
            Element(ib, index, elementSize, grid, filtered, chunks, total);
        }

        var dataBlocks = new ulong[directDataBlocks];
        for (int i = 0; i < directDataBlocks; i++)
        {
            dataBlocks[i] = ib.Address();
        }

        var secondaries = new ulong[secondaryCount];
        for (int i = 0; i < secondaryCount; i++)
        {
            secondaries[i] = ib.Address();
        }

        int dataBlock = 0;
        for (int u = 0; u < superBlocks && index < total; u++)
        {
            long blocks = 1L << (u / 2);
            long blockElements = (1L << ((u + 1) / 2)) * dataBlockMin;
            if (blockElements > 1L << pageBits)
            {
                throw ib.Corrupt("paged extensible array data blocks are not supported");
            }

            ulong[] addresses;
            if (u < directSuperBlocks)
            {
                addresses = dataBlocks.Skip(dataBlock).Take((int)blocks).ToArray();
                dataBlock += (int)blocks;
            }
            else
            {
                addresses = Secondary(file, secondaries[u - directSuperBlocks], blocks, prefix + blockOffsetBytes);
            }

            foreach (ulong block in addresses)
            {
                if (block != Hdf5File.Undefined)
                {
                    ByteCursor db = file.Cursor(block, prefix + blockOffsetBytes + (blockElements * elementSize) + 4, "extensible array data block");
                    db.Signature("EADB");
                    db.Position = db.Length - 4;
                    db.Checksum();
                    db.Position = prefix + blockOffsetBytes;
                    for (long i = 0; i < blockElements; i++)
                    {
                        Element(db, index + i, elementSize, grid, filtered, chunks, total);
                    }
                }

                index += blockElements;
            }
        }
    }

    private static ulong[] Secondary(Hdf5File file, ulong address, long blocks, int headerSize)
    {
        var addresses = new ulong[blocks];
        if (address == Hdf5File.Undefined)
        {
            Array.Fill(addresses, Hdf5File.Undefined);
            return addresses;
        }

        ByteCursor c = file.Cursor(address, headerSize + (blocks * file.OffsetSize) + 4, "extensible array secondary block");
        c.Signature("EASB");
        c.Position = c.Length - 4;
        c.Checksum();
        c.Position = headerSize;
        for (long i = 0; i < blocks; i++)
        {
            addresses[i] = c.Address();
        }

        return addresses;
    }

    private static void Element(ByteCursor c, long index, int elementSize, ChunkGrid grid, bool filtered, Dictionary<(long, long), ChunkRecord> chunks, long total)
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
        if (address != Hdf5File.Undefined && index < total)
        {
            (long row, long column) = grid.FromLinear(index);
            chunks[(row, column)] = new ChunkRecord(row, column, address, size, mask);
        }
    }
}
