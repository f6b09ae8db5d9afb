namespace MilvusDm.Abstractions;

/// <summary>A configured sink: prepares a destination per source dataset and consumes its batches.</summary>
public interface IVectorSink : IAsyncDisposable
{
    /// <summary>
    /// Describes, without changing anything, what <see cref="OpenAsync"/> would do for <paramref name="target"/>:
    /// the destination name and the actions (create, drop, skip). Used by <c>validate</c> and <c>--dry-run</c>.
    /// </summary>
    ValueTask<SinkPlan> PlanAsync(SinkTarget target, CancellationToken cancellationToken);

    /// <summary>
    /// Prepares the destination for <paramref name="target"/> (applying the write mode) and returns the writer
    /// that receives its batches.
    /// </summary>
    /// <exception cref="DestinationException">The destination refused, or contradicts the source.</exception>
    ValueTask<IDatasetWriter> OpenAsync(SinkTarget target, CancellationToken cancellationToken);
}
