namespace MilvusDm.Abstractions;

/// <summary>A configured source: lists its datasets and streams each as columnar batches.</summary>
public interface IVectorSource : IAsyncDisposable
{
    /// <summary>Lists the datasets this source will stream, in a stable order.</summary>
    /// <exception cref="SourceDataException">The source is unreadable, corrupt or unsupported.</exception>
    ValueTask<IReadOnlyList<DatasetInfo>> ListDatasetsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Streams one dataset. Each batch is produced only when the consumer asks for it (back-pressure): a source
    /// never reads ahead more than one batch and never holds a whole file or collection in memory.
    /// </summary>
    IAsyncEnumerable<VectorBatch> ReadAsync(DatasetInfo dataset, ReadOptions options, CancellationToken cancellationToken);
}
