namespace MilvusDm.Abstractions;

/// <summary>Receives the batches of one dataset, in order, from a single consumer.</summary>
public interface IDatasetWriter : IAsyncDisposable
{
    /// <summary>
    /// <c>true</c> when the destination existed and the mode was <see cref="WriteMode.Skip"/>: the host then does
    /// not read the dataset at all.
    /// </summary>
    bool Skipped { get; }

    /// <summary>
    /// Accepts one batch. A writer may return before the destination acknowledged it (to overlap sending with
    /// reading) but must not keep more batches pending than it was configured for; it owns the batch from here
    /// and disposes it when done.
    /// </summary>
    ValueTask WriteAsync(VectorBatch batch, CancellationToken cancellationToken);

    /// <summary>Waits for every pending batch, makes the data durable (flush, rename) and reports what was committed.</summary>
    ValueTask<SinkDatasetResult> CompleteAsync(CancellationToken cancellationToken);
}
