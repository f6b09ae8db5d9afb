namespace MilvusDm.Milvus.TestServer.V1;

/// <summary>
/// One partition (tag) of a 1.x collection: inserts wait in <see cref="Buffer"/> until a Flush persists them as
/// segments; deletes of persisted rows wait in <see cref="PendingDeletes"/> until the same Flush.
/// </summary>
public sealed class V1Partition(string tag)
{
    public string Tag { get; } = tag;

    public List<V1Row> Buffer { get; } = [];

    public List<V1Segment> Segments { get; } = [];

    public HashSet<long> PendingDeletes { get; } = [];

    /// <summary>Rows in persisted segments: what CountCollection and ShowCollectionInfo report.</summary>
    public long PersistedRows => Segments.Sum(s => (long)s.Rows.Count);
}
