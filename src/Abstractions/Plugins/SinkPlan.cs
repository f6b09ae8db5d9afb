namespace MilvusDm.Abstractions;

/// <summary>What a sink would do for one dataset.</summary>
/// <param name="Destination">Destination name (collection/partition, file path).</param>
/// <param name="Actions">Human-readable actions, e.g. <c>create collection demo (dim 128, L2)</c>, <c>drop partition p1</c>.</param>
public sealed record SinkPlan(string Destination, IReadOnlyList<string> Actions)
{
    /// <summary>
    /// Whether rows already at the destination stay there (append, or a destination that does not exist yet);
    /// <c>false</c> when the mode replaces them (overwrite). Verification expects old rows plus the copied ones.
    /// </summary>
    public bool KeepsExistingRows { get; init; } = true;
}
