using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Pipeline;

/// <summary>What happened to one dataset.</summary>
internal sealed record DatasetOutcome(string Dataset, string Destination)
{
    public long RowsRead { get; init; }

    public long RowsWritten { get; init; }

    public long RowsDroppedNaN { get; init; }

    public long VectorBytes { get; init; }

    public bool Skipped { get; init; }

    public bool SourceHasIds { get; init; }

    /// <summary>Digests of the rows read, when the job computed them.</summary>
    public DigestPair? Digests { get; init; }

    /// <summary><c>passed</c>, <c>failed</c>, <c>skipped</c> (not checked) or <c>null</c> (not run).</summary>
    public string? Verification { get; init; }

    public string? Error { get; init; }

    public TimeSpan Elapsed { get; init; }
}
