namespace MilvusDm.Plugins.MilvusLegacy.Format;

/// <summary>Checks a segment's files against each other before any row is streamed.</summary>
internal static class SegmentOpener
{
    /// <summary>Opens and checks one raw segment.</summary>
    /// <param name="folder">The segment folder.</param>
    /// <param name="fileId">The raw file's id (the <c>.rv</c>/<c>.uid</c> stem).</param>
    /// <param name="metaRowCount"><c>TableFiles.row_count</c>: live rows according to the meta.</param>
    /// <param name="rowBytes">Bytes of one vector.</param>
    /// <param name="warn">Receives disagreements that do not stop the read.</param>
    /// <exception cref="MilvusDm.Abstractions.SourceDataException">A file is missing or inconsistent.</exception>
    public static Segment Open(string folder, string fileId, long metaRowCount, int rowBytes, Action<string> warn)
    {
        RawVectorsFile vectors = RawVectorsFile.Open(Path.Combine(folder, fileId + ".rv"), rowBytes);
        UidFile ids = UidFile.Open(Path.Combine(folder, fileId + ".uid"), vectors.Rows);
        string deletedPath = Path.Combine(folder, DeletedDocs.FileName);
        int[] deleted;
        if (File.Exists(deletedPath))
        {
            deleted = DeletedDocs.Read(deletedPath, vectors.Rows);
        }
        else if (metaRowCount == vectors.Rows)
        {
            // Milvus writes an empty deleted_docs with every segment; without one and without deletions by the meta,
            // nothing can have been deleted.
            warn($"{deletedPath}: missing; the meta counts no deleted rows, so all {vectors.Rows} rows are read");
            deleted = [];
        }
        else
        {
            throw new MilvusDm.Abstractions.SourceDataException(
                $"{deletedPath}: missing, but the meta counts {metaRowCount} live rows of the {vectors.Rows} in {fileId}.rv: which rows were deleted cannot be known");
        }

        var segment = new Segment(folder, vectors, ids, deleted);
        if (segment.LiveRows != metaRowCount)
        {
            warn($"{folder}: the meta says {metaRowCount} rows but the files hold {segment.LiveRows} ({segment.PhysicalRows} rows, {deleted.Length} deleted); reading the files");
        }

        return segment;
    }
}
