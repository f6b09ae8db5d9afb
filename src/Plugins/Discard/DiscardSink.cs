using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Discard;

/// <summary>Accepts every dataset and acknowledges every row it receives.</summary>
public sealed class DiscardSink : IVectorSink
{
    /// <inheritdoc />
    public ValueTask<SinkPlan> PlanAsync(SinkTarget target, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new SinkPlan("discard", ["discard every row"]));

    /// <inheritdoc />
    public ValueTask<IDatasetWriter> OpenAsync(SinkTarget target, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IDatasetWriter>(new DiscardDatasetWriter());

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
