namespace MilvusDm.Abstractions;

/// <summary>What a sink would do for one dataset.</summary>
/// <param name="Destination">Destination name (collection/partition, file path).</param>
/// <param name="Actions">Human-readable actions, e.g. <c>create collection demo (dim 128, L2)</c>, <c>drop partition p1</c>.</param>
public sealed record SinkPlan(string Destination, IReadOnlyList<string> Actions);
