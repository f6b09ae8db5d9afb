namespace MilvusDm.Plugins.MilvusLegacy.Meta;

/// <summary>
/// The live collections of a 1.x meta and their partitions, in a stable order: collections by name, each with its
/// default partition first and then its partitions by tag. Partitions of a dropped collection are left out with it.
/// </summary>
internal sealed class LegacyCatalog
{
    private readonly Dictionary<string, List<LegacyPartition>> _byCollection;

    public LegacyCatalog(IReadOnlyList<TableRow> liveTables)
    {
        ArgumentNullException.ThrowIfNull(liveTables);
        _byCollection = liveTables.Where(t => !t.IsPartition)
            .OrderBy(t => t.TableId, StringComparer.Ordinal)
            .ToDictionary(t => t.TableId, t => new List<LegacyPartition> { new(t, t) }, StringComparer.Ordinal);
        foreach (TableRow partition in liveTables.Where(t => t.IsPartition).OrderBy(t => t.PartitionTag, StringComparer.Ordinal))
        {
            if (_byCollection.TryGetValue(partition.OwnerTable, out List<LegacyPartition>? partitions))
            {
                partitions.Add(new LegacyPartition(partitions[0].Collection, partition));
            }
        }
    }

    /// <summary>Collection names, sorted.</summary>
    public IEnumerable<string> Collections => _byCollection.Keys.Order(StringComparer.Ordinal);

    /// <summary>Every partition of a collection (default first), or <c>null</c> when no live collection has that name.</summary>
    public IReadOnlyList<LegacyPartition>? Partitions(string collection) => _byCollection.GetValueOrDefault(collection);
}
