namespace MilvusDm.Milvus.TestServer.V1;

/// <summary>A persisted segment: what one Flush wrote (split at the segment size), named like 1.x does (a timestamp).</summary>
public sealed class V1Segment(string name, List<V1Row> rows)
{
    public string Name { get; } = name;

    public List<V1Row> Rows { get; } = rows;
}
