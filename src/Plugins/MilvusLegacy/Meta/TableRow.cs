namespace MilvusDm.Plugins.MilvusLegacy.Meta;

/// <summary>
/// One row of the 1.x <c>Tables</c> meta table: a collection (empty <see cref="OwnerTable"/>) or one of its
/// partitions (<see cref="OwnerTable"/> = the collection's table_id).
/// </summary>
/// <param name="TableId">Collection name, or the partition's generated id (also its folder under <c>tables/</c>).</param>
/// <param name="Dimension">Vector dimension (bits for binary collections).</param>
/// <param name="IndexFileSize">Segment size limit in bytes.</param>
/// <param name="EngineType">Index type of the collection (<see cref="EngineTypes"/>).</param>
/// <param name="IndexParams">Index build parameters as JSON text.</param>
/// <param name="MetricType">Metric in Milvus numbering (<see cref="MetricTypes"/>).</param>
/// <param name="OwnerTable">'' for a collection; the collection's table_id for a partition.</param>
/// <param name="PartitionTag">The partition's user tag ('' for a collection).</param>
/// <param name="Version">The Milvus version that created the row.</param>
internal sealed record TableRow(
    string TableId,
    int Dimension,
    long IndexFileSize,
    int EngineType,
    string IndexParams,
    int MetricType,
    string OwnerTable,
    string PartitionTag,
    string Version)
{
    public bool IsPartition => OwnerTable.Length > 0;
}
