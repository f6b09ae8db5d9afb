namespace MilvusDm.Plugins.MilvusLegacy.Meta;

/// <summary>One readable partition of a 1.x collection (the default partition is the collection's own row).</summary>
/// <param name="Collection">The collection's row (dimension, metric and index settings).</param>
/// <param name="Table">The partition's row: the collection's own for <c>_default</c>.</param>
internal sealed record LegacyPartition(TableRow Collection, TableRow Table)
{
    public const string DefaultName = "_default";

    public string CollectionName => Collection.TableId;

    /// <summary>The partition tag, or <c>_default</c>.</summary>
    public string PartitionName => Table.IsPartition ? Table.PartitionTag : DefaultName;

    /// <summary>The dataset name: <c>collection/partition</c>.</summary>
    public string DatasetName => $"{CollectionName}/{PartitionName}";
}
