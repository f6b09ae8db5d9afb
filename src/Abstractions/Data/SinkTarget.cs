namespace MilvusDm.Abstractions;

/// <summary>What the host asks a sink to prepare for one source dataset.</summary>
/// <param name="Source">The source dataset the rows come from.</param>
/// <param name="Schema">
/// The schema to create at the destination. The host has already applied the job's id rules: an id-less source
/// with client-assigned keys arrives with <see cref="KeyType.Int64"/> keys; with <c>ids: auto</c> it arrives
/// with no key type and the destination assigns keys.
/// </param>
/// <remarks>
/// The sink applies its own write mode once per destination per job: when several datasets go to one destination,
/// the second and later ones append (the sink instance lives for the whole job and remembers).
/// </remarks>
public sealed record SinkTarget(DatasetInfo Source, DatasetSchema Schema)
{
    /// <summary>
    /// The destination was prepared by an earlier, interrupted run of this job (<c>--resume</c>): do not apply the
    /// write mode again (no skip, no drop), and write keyed rows so that a row sent twice is stored once (Upsert).
    /// </summary>
    public bool Resuming { get; init; }

    /// <summary>
    /// What the job verifies. A sink that publishes staged data (mode <c>replace</c>) checks the staged rows this way
    /// before readers are switched to them; other sinks may ignore it (the host verifies after the copy).
    /// </summary>
    public VerifyLevel Verify { get; init; } = VerifyLevel.Count;

    /// <summary>
    /// Call when the destination has durably acknowledged rows (by the ordinals of the batches they came in). The
    /// host records these for <c>--resume</c>; a sink that cannot tell earlier calls it from <c>CompleteAsync</c>.
    /// May be called from any thread.
    /// </summary>
    public Action<RowRange> Committed { get; init; } = static _ => { };
}
