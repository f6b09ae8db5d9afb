namespace MilvusDm.Abstractions;

/// <summary>What the host asks a sink to prepare for one source dataset.</summary>
/// <param name="Source">The source dataset the rows come from.</param>
/// <param name="Schema">The schema to create at the destination (metric already resolved by the host).</param>
/// <param name="Mode">
/// The write mode. A sink applies it once per destination per job: when several datasets go to one destination,
/// the second and later ones append (the sink instance lives for the whole job and remembers).
/// </param>
public sealed record SinkTarget(DatasetInfo Source, DatasetSchema Schema, WriteMode Mode);
