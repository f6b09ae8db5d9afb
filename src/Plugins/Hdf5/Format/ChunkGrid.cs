namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>The chunk grid of a 1-D or 2-D dataset: chunk shape, chunk counts, and linear (row-major) chunk numbers.</summary>
internal sealed record ChunkGrid(ulong[] Dims, ulong[] MaxDims, ulong[] ChunkDims, int ElementSize)
{
    public long RowChunks => ChunkCount(0);

    public long ColumnChunks => Dims.Length > 1 ? ChunkCount(1) : 1;

    public long ChunkBytes => (long)ChunkDims.Aggregate(1UL, (a, b) => a * b) * ElementSize;

    public long ChunkCount(int dim) => (long)((Dims[dim] + ChunkDims[dim] - 1) / ChunkDims[dim]);

    /// <summary>Layout-v4 indexes count column chunks over the maximum extent when it is fixed.</summary>
    public long IndexColumnChunks => Dims.Length > 1 && MaxDims[1] != Hdf5File.Undefined
        ? (long)((MaxDims[1] + ChunkDims[1] - 1) / ChunkDims[1])
        : ColumnChunks;

    public (long Row, long Column) FromLinear(long linear) => (linear / IndexColumnChunks, linear % IndexColumnChunks);

    public long TotalChunks => RowChunks * IndexColumnChunks;
}
