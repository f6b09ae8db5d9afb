namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>The chunk index of layout v3 (and h5py's libver v108 files): a v1 B-tree of type 1.</summary>
internal static class V1ChunkTree
{
    private const int MaxDepth = 64;

    public static void Collect(Hdf5File file, ulong root, ChunkGrid grid, Dictionary<(long, long), ChunkRecord> chunks)
    {
        if (root != Hdf5File.Undefined)
        {
            Visit(file, root, grid, chunks, 0);
        }
    }

    private static void Visit(Hdf5File file, ulong address, ChunkGrid grid, Dictionary<(long, long), ChunkRecord> chunks, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new MilvusDm.Abstractions.SourceDataException($"{file.Path}: chunk B-tree nests deeper than {MaxDepth} levels (a loop?)");
        }

        int rank = grid.Dims.Length;
        V1BTreeNode node = V1BTreeNode.Read(file, address, expectedType: 1, keySize: 8 + (8 * (rank + 1)));
        for (int i = 0; i < node.Children.Length; i++)
        {
            if (node.Level > 0)
            {
                Visit(file, node.Children[i], grid, chunks, depth + 1);
                continue;
            }

            ByteCursor key = node.Keys[i];
            uint size = key.U32();
            uint mask = key.U32();
            ulong row = key.U64();
            ulong column = rank > 1 ? key.U64() : 0;
            if (row % grid.ChunkDims[0] != 0 || (rank > 1 && column % grid.ChunkDims[1] != 0))
            {
                throw key.Corrupt($"chunk offset ({row}, {column}) is not on a chunk boundary");
            }

            var record = new ChunkRecord((long)(row / grid.ChunkDims[0]), rank > 1 ? (long)(column / grid.ChunkDims[1]) : 0, node.Children[i], size, mask);
            chunks[(record.Row, record.Column)] = record;
        }
    }
}
