namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>Layout v4 chunk index type 5: a v2 B-tree of records type 10 (unfiltered) or 11 (filtered chunks).</summary>
internal static class V2BTreeChunkIndex
{
    public static void Collect(Hdf5File file, ulong address, ChunkGrid grid, Dictionary<(long, long), ChunkRecord> chunks)
    {
        var tree = V2BTree.Read(file, address);
        int rank = grid.Dims.Length;
        foreach (ByteCursor r in tree.Records())
        {
            ulong chunk = r.Address();
            ulong size = (ulong)grid.ChunkBytes;
            uint mask = 0;
            if (tree.Type == 11)
            {
                size = r.Sized(r.Length - r.File.OffsetSize - 4 - (8 * rank));
                mask = r.U32();
            }
            else if (tree.Type != 10)
            {
                throw r.Corrupt($"v2 B-tree of type {tree.Type} where a chunk index (10 or 11) was expected");
            }

            long row = (long)r.U64();
            long column = rank > 1 ? (long)r.U64() : 0;
            chunks[(row, column)] = new ChunkRecord(row, column, chunk, size, mask);
        }
    }
}
