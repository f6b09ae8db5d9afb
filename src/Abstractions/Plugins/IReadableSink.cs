namespace MilvusDm.Abstractions;

/// <summary>
/// A sink that can read back what a destination holds, so the host can verify a copy by content digest
/// (<c>verify: digest</c>, <c>milvusdm verify</c>) without the user writing a second job.
/// </summary>
public interface IReadableSink : IVectorSink
{
    /// <summary>
    /// Opens the destination <paramref name="target"/> maps to (as <see cref="IVectorSink.PlanAsync"/> names it) as a
    /// source with exactly one dataset holding every row stored there, keys included; <c>null</c> when the destination
    /// does not exist (yet).
    /// </summary>
    ValueTask<IVectorSource?> OpenDestinationAsync(SinkTarget target, CancellationToken cancellationToken);
}
