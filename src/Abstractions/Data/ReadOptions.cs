namespace MilvusDm.Abstractions;

/// <summary>How the host wants a dataset streamed.</summary>
public sealed record ReadOptions
{
    /// <summary>Upper bound of a batch's vector payload in bytes; a source may go below, never above (but always at least one row).</summary>
    public int MaxBatchBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Rows to skip at the start of the dataset (resume).</summary>
    public long StartRow { get; init; }

    /// <summary>Rows a batch holds at most for the vector size given, at least one.</summary>
    public int RowsPerBatch(int bytesPerRow) => Math.Max(1, MaxBatchBytes / Math.Max(1, bytesPerRow));
}
