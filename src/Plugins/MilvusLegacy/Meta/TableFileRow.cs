namespace MilvusDm.Plugins.MilvusLegacy.Meta;

/// <summary>One raw-data row of the 1.x <c>TableFiles</c> meta table (file types RAW, TO_INDEX, BACKUP).</summary>
/// <param name="TableId">The collection or partition table_id owning the segment.</param>
/// <param name="SegmentId">The segment folder name.</param>
/// <param name="FileId">The raw file's stem (<c>.rv</c>, <c>.uid</c>).</param>
/// <param name="FileType">RAW, TO_INDEX or BACKUP (<see cref="FileTypes"/>).</param>
/// <param name="RowCount">Live rows according to the meta (decreased by deletions).</param>
internal sealed record TableFileRow(string TableId, string SegmentId, string FileId, int FileType, long RowCount);
