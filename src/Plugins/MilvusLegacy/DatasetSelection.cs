using MilvusDm.Abstractions;
using MilvusDm.Plugins.MilvusLegacy.Meta;

namespace MilvusDm.Plugins.MilvusLegacy;

/// <summary>
/// Which partitions a job reads: the <c>collections</c> map (collection → partition tags; an empty list or null
/// means every partition including <c>_default</c>; key <c>*</c> means every collection; no map means everything),
/// then the <c>include</c> allow list and the <c>exclude</c> block list. Unlike the original, every collection of
/// the map is read, not only the first.
/// </summary>
internal sealed class DatasetSelection(IReadOnlyDictionary<string, List<string>?>? collections, IReadOnlyList<string> include, IReadOnlyList<string> exclude)
{
    public const string Every = "*";

    private readonly GlobPattern[] _include = [.. include.Select(p => new GlobPattern(p))];
    private readonly GlobPattern[] _exclude = [.. exclude.Select(p => new GlobPattern(p))];

    /// <summary>The selected partitions in catalog order (collection name, default partition first, then tags).</summary>
    /// <exception cref="SourceDataException">A named collection or partition does not exist (or was dropped).</exception>
    public IReadOnlyList<LegacyPartition> Select(LegacyCatalog catalog, string location, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        IEnumerable<KeyValuePair<string, List<string>?>> entries = collections is { Count: > 0 }
            ? collections
            : [new(Every, null)];
        foreach ((string collection, List<string>? tags) in entries)
        {
            if (collection == Every)
            {
                foreach (string name in catalog.Collections)
                {
                    chosen.UnionWith(Pick(catalog.Partitions(name)!, tags, strict: false, location).Select(p => p.DatasetName));
                }

                continue;
            }

            IReadOnlyList<LegacyPartition> partitions = catalog.Partitions(collection)
                ?? throw new SourceDataException($"{location}: collection '{collection}' not found (live collections: {List(catalog.Collections)})");
            chosen.UnionWith(Pick(partitions, tags, strict: true, location).Select(p => p.DatasetName));
        }

        var selected = catalog.Collections.SelectMany(c => catalog.Partitions(c)!)
            .Where(p => chosen.Contains(p.DatasetName))
            .Where(p => _include.Length == 0 || _include.Any(g => g.Matches(p.CollectionName, p.PartitionName)))
            .Where(p => !_exclude.Any(g => g.Matches(p.CollectionName, p.PartitionName)))
            .ToList();
        if (selected.Count == 0 && chosen.Count > 0)
        {
            warn($"{location}: include/exclude leave none of the {chosen.Count} selected partitions to read");
        }

        return selected;
    }

    private static IEnumerable<LegacyPartition> Pick(IReadOnlyList<LegacyPartition> partitions, List<string>? tags, bool strict, string location)
    {
        if (tags is not { Count: > 0 })
        {
            return partitions;
        }

        var picked = new List<LegacyPartition>();
        foreach (string tag in tags)
        {
            // The original read '' as the default partition; _default is how 2.x and this tool name it.
            string wanted = tag.Length == 0 ? LegacyPartition.DefaultName : tag;
            LegacyPartition? partition = partitions.FirstOrDefault(p => p.PartitionName == wanted);
            if (partition is not null)
            {
                picked.Add(partition);
            }
            else if (strict)
            {
                throw new SourceDataException($"{location}: collection '{partitions[0].CollectionName}' has no partition '{tag}' (partitions: {List(partitions.Select(p => p.PartitionName))})");
            }
        }

        return picked;
    }

    private static string List(IEnumerable<string> names)
    {
        string text = string.Join(", ", names.Select(n => $"'{n}'"));
        return text.Length == 0 ? "none" : text;
    }
}
