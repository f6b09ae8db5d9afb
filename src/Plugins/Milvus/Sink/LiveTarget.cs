namespace MilvusDm.Plugins.Milvus.Sink;

/// <summary>What a name resolves to before mode replace switches it.</summary>
/// <param name="Collection">The collection readers see under the name, or <c>null</c> when the name is free.</param>
/// <param name="IsAlias">The name is an alias (switched atomically) rather than a plain collection.</param>
/// <param name="Loaded">The collection is loaded, so readers search it: its replacement is loaded before the switch.</param>
internal sealed record LiveTarget(string? Collection, bool IsAlias, bool Loaded);
