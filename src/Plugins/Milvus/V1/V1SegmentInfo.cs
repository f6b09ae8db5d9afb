namespace MilvusDm.Plugins.Milvus.V1;

/// <summary>One persisted segment of a 1.x partition: its name is what GetVectorIDs takes.</summary>
internal sealed record V1SegmentInfo(string Name, long RowCount);
