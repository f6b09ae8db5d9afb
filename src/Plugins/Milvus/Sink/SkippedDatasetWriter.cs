using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Milvus.Sink;

/// <summary>mode: skip met an existing destination: nothing is written, the result says so.</summary>
internal sealed class SkippedDatasetWriter(string destination) : IDatasetWriter
{
    public bool Skipped => true;

    public ValueTask WriteAsync(VectorBatch batch, CancellationToken cancellationToken)
    {
        batch.Dispose();
        return ValueTask.CompletedTask;
    }

    public ValueTask<SinkDatasetResult> CompleteAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new SinkDatasetResult(destination, 0, Skipped: true));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
