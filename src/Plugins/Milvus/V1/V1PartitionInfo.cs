namespace MilvusDm.Plugins.Milvus.V1;

/// <summary>One partition of a 1.x collection as ShowCollectionInfo reports it.</summary>
internal sealed record V1PartitionInfo(string Tag, long RowCount, IReadOnlyList<V1SegmentInfo> Segments);
