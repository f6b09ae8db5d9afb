using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>Finds every stored chunk of a chunked dataset, whichever index its layout uses.</summary>
internal static class ChunkIndex
{
    public static Dictionary<(long, long), ChunkRecord> Read(Hdf5File file, DataLayout layout, ChunkGrid grid, bool filtered)
    {
        var chunks = new Dictionary<(long, long), ChunkRecord>();
        switch (layout.IndexType)
        {
            case ChunkIndexType.V1BTree:
                V1ChunkTree.Collect(file, layout.Address, grid, chunks);
                break;
            case ChunkIndexType.SingleChunk:
                if (layout.Address != Hdf5File.Undefined)
                {
                    ulong size = layout.SingleChunkFiltered ? layout.SingleChunkFilteredSize : (ulong)grid.ChunkBytes;
                    chunks[(0, 0)] = new ChunkRecord(0, 0, layout.Address, size, layout.SingleChunkFilterMask);
                }

                break;
            case ChunkIndexType.Implicit:
                // Chunks are allocated back to back in linear order; none can be filtered.
                if (layout.Address != Hdf5File.Undefined)
                {
                    for (long i = 0; i < grid.TotalChunks; i++)
                    {
                        (long row, long column) = grid.FromLinear(i);
                        chunks[(row, column)] = new ChunkRecord(row, column, layout.Address + (ulong)(i * grid.ChunkBytes), (ulong)grid.ChunkBytes, 0);
                    }
                }

                break;
            case ChunkIndexType.FixedArray:
                FixedArrayIndex.Collect(file, layout.Address, grid, filtered, chunks);
                break;
            case ChunkIndexType.ExtensibleArray:
                ExtensibleArrayIndex.Collect(file, layout.Address, grid, filtered, chunks);
                break;
            case ChunkIndexType.V2BTree:
                V2BTreeChunkIndex.Collect(file, layout.Address, grid, chunks);
                break;
            default:
                throw new SourceDataException($"{file.Path}: chunk index {layout.IndexType} is not supported");
        }

        foreach (ChunkRecord chunk in chunks.Values)
        {
            if (chunk.Row >= grid.RowChunks || chunk.Column >= grid.ColumnChunks)
            {
                // Chunks beyond the current extent (a shrunk dataset) are never read.
                continue;
            }

            long at = file.Absolute(chunk.Address, "chunk");
            file.CheckRange(at, (long)Math.Min(chunk.StoredSize, (ulong)long.MaxValue), $"chunk ({chunk.Row}, {chunk.Column})");
        }

        return chunks;
    }
}
