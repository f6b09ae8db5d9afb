namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>
/// <c>ilod</c> (formats.md 1.6.2): list table, free slots and the absolute path of the <c>.ivfdata</c> file that
/// holds, at each list's offset, <c>capacity</c> codes then <c>capacity</c> ids (the first <c>size</c> valid).
/// </summary>
internal static class OnDiskInvertedListsReader
{
    public static InvertedLists Read(IndexFileReader reader, long expectedLists, long expectedCodeSize)
    {
        long nlistAt = reader.Position;
        long nlist = reader.ReadSize("nlist of the on-disk inverted lists");
        if (nlist != expectedLists)
        {
            throw reader.Error(nlistAt, $"expected the inverted lists to have nlist={expectedLists} like the IVF header, found {nlist}");
        }

        long codeSizeAt = reader.Position;
        long codeSize = reader.ReadSize("code_size of the on-disk inverted lists");
        if (expectedCodeSize >= 0 && codeSize != expectedCodeSize)
        {
            throw reader.Error(codeSizeAt, $"expected code_size {expectedCodeSize}, found {codeSize}");
        }

        long tableAt = reader.Position;
        long count = reader.ReadCount(24, "the on-disk list table");
        if (count != nlist)
        {
            throw reader.Error(tableAt, $"expected {nlist} entries in the on-disk list table, found {count}");
        }

        var entries = new List<(long ListNo, long Size, long Capacity, long Offset, long At)>();
        for (long list = 0; list < count; list++)
        {
            long at = reader.Position;
            long size = reader.ReadSize($"the size of on-disk list {list}");
            long capacity = reader.ReadSize($"the capacity of on-disk list {list}");
            long offset = reader.ReadSize($"the offset of on-disk list {list}");
            if (size > capacity)
            {
                throw reader.Error(at, $"on-disk list {list} claims size {size} above its capacity {capacity}");
            }

            if (size > 0)
            {
                entries.Add((list, size, capacity, offset, at));
            }
        }

        reader.SkipVector(16, "the free slots of the on-disk lists");
        long nameAt = reader.Position;
        long nameLength = reader.ReadCount(1, "the .ivfdata file name");
        string stored = System.Text.Encoding.UTF8.GetString(reader.ReadBytes(nameLength, "the .ivfdata file name"));
        long totalSize = reader.ReadSize("the size of the .ivfdata file");

        string dataFile = Resolve(reader, nameAt, stored);
        long dataLength = new FileInfo(dataFile).Length;
        var lists = new List<InvertedList>(entries.Count);
        foreach ((long list, long size, long capacity, long offset, long at) in entries)
        {
            // Codes for the whole capacity come first, then the ids (OnDiskInvertedLists::get_ids). Checked by
            // division first so that corrupt values cannot overflow.
            if (offset > dataLength || codeSize > dataLength || capacity > (dataLength - offset) / (codeSize + 8))
            {
                throw reader.Error(at, $"on-disk list {list} (offset {offset}, capacity {capacity}) lies beyond the end of {dataFile} ({dataLength} bytes; the index says {totalSize})");
            }

            lists.Add(new InvertedList(list, size, offset, offset + capacity * codeSize));
        }

        return new InvertedLists("ilod", codeSize, lists, dataFile) { StoredDataFile = stored };
    }

    /// <summary>
    /// The stored path when it exists; otherwise the file of the same name beside the index, as Faiss does with
    /// <c>IO_FLAG_ONDISK_SAME_DIR</c> (indexes are usually moved after they are built).
    /// </summary>
    private static string Resolve(IndexFileReader reader, long nameAt, string stored)
    {
        if (stored.Length > 0 && File.Exists(stored))
        {
            return stored;
        }

        string fileName = Path.GetFileName(stored.Replace('\\', '/').TrimEnd('/'));
        string beside = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(reader.Path)) ?? ".", fileName);
        return fileName.Length > 0 && File.Exists(beside)
            ? beside
            : throw reader.Error(nameAt, $"expected the on-disk inverted lists data file at '{stored}' or beside the index at '{beside}', found neither");
    }
}
