namespace MilvusDm.Plugins.Milvus.Sink;

/// <summary>Where one dataset goes: a collection (or alias, for mode replace) and optionally a partition.</summary>
internal sealed record DestinationNames(string Collection, string? Partition);
