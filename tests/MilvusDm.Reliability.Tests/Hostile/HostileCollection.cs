namespace MilvusDm.Reliability.Tests.Hostile;

/// <summary>
/// Runs alone: the in-process corpus measures the bytes the tool allocates per case with the process-wide GC
/// counter, which other tests running at the same time would inflate.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileCollection
{
    public const string Name = "hostile inputs (alone)";
}
