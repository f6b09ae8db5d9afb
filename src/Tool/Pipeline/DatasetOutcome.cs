using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Pipeline;

/// <summary>What happened to one dataset.</summary>
internal sealed record DatasetOutcome(string Dataset, string Destination)
{
    public long RowsRead { get; init; }

    public long RowsWritten { get; init; }

    public long RowsDroppedNaN { get; init; }

    /// <summary>duplicate_ids: keep-last: rows dropped because a later row carries their id.</summary>
    public long RowsDroppedDuplicate { get; init; }

    public long VectorBytes { get; init; }

    public bool Skipped { get; init; }

    /// <summary>ids: auto (at-least-once): rows that resumed runs re-sent and the destination may hold twice (upper bound).</summary>
    public long RowsMaybeDuplicated { get; init; }

    public bool SourceHasIds { get; init; }

    /// <summary>Digests of the rows read, when the job computed them.</summary>
    public DigestPair? Digests { get; init; }

    /// <summary><c>passed</c>, <c>failed</c>, <c>skipped</c> (not checked) or <c>null</c> (not run).</summary>
    public string? Verification { get; init; }

    public string? Error { get; init; }

    public TimeSpan Elapsed { get; init; }
}
