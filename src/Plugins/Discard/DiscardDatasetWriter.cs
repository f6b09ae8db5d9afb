using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Discard;

/// <summary>Counts rows and returns each batch's memory at once.</summary>
public sealed class DiscardDatasetWriter : IDatasetWriter
{
    private long _rows;

    /// <inheritdoc />
    public bool Skipped => false;

    /// <inheritdoc />
    public ValueTask WriteAsync(VectorBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _rows += batch.Count;
        batch.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<SinkDatasetResult> CompleteAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new SinkDatasetResult("discard", _rows, Skipped: false));

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
