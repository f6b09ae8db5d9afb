using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Milvus.Sink;

/// <summary>Where one dataset goes: a collection (or alias, for mode replace) and optionally a partition.</summary>
internal sealed record DestinationNames(string Collection, string? Partition)
{
    /// <summary>
    /// The contract's naming rule: the sink's collection, else the source's collection or file stem; the sink's partition,
    /// else the source's unless it is <c>_default</c>; characters Milvus refuses become '_'.
    /// </summary>
    public static DestinationNames For(SinkTarget target, MilvusSinkConfig config)
    {
        var source = target.Source;
        string collection = config.Collection ?? source.Collection ?? source.SuggestedCollection ?? Path.GetFileNameWithoutExtension(source.Name);
        string? partition = !string.IsNullOrEmpty(config.Partition) ? config.Partition
            : source.Partition is { Length: > 0 } p && p != "_default" ? p : null;
        return new DestinationNames(MilvusNames.Sanitize(collection), partition is null ? null : MilvusNames.Sanitize(partition));
    }
}
