namespace MilvusDm.Milvus.TestServer.V1;

/// <summary>
/// A 1.x collection: dimension, segment size and metric (the metric decides float or binary vectors), its partitions
/// with the default one first, and whether its ids are user-defined (decided by the first insert, then enforced).
/// </summary>
public sealed class V1Collection(string name, long dimension, long indexFileSize, int metricType)
{
    public const string DefaultTag = "_default";

    public string Name { get; } = name;

    public long Dimension { get; } = dimension;

    public long IndexFileSize { get; } = indexFileSize;

    public int MetricType { get; } = metricType;

    /// <summary>HAMMING, JACCARD, TANIMOTO, SUBSTRUCTURE and SUPERSTRUCTURE collections hold binary vectors.</summary>
    public bool IsBinary => MetricType >= 3;

    /// <summary>Null until the first insert; then every insert must (true) or must not (false) carry ids.</summary>
    public bool? UserIds { get; set; }

    public List<V1Partition> Partitions { get; } = [new V1Partition(DefaultTag)];

    public V1Partition? Partition(string tag) => Partitions.FirstOrDefault(p => p.Tag == tag);

    public long PersistedRows => Partitions.Sum(p => p.PersistedRows);

    public IEnumerable<V1Row> PersistedRowsOf(string? tag) =>
        Partitions.Where(p => tag is null || p.Tag == tag).SelectMany(p => p.Segments).SelectMany(s => s.Rows);

    /// <summary>Persisted rows whose id is stored more than once (tests: a re-sent request must not duplicate).</summary>
    public int DuplicateIds => PersistedRowsOf(null).GroupBy(r => r.Id).Sum(g => g.Count() - 1);
}
