namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>The inverted lists of an IVF index, located but not loaded.</summary>
/// <param name="Kind">"ilar/full", "ilar/sprs", "ilod", "il00" or "legacy".</param>
/// <param name="CodeSize">Bytes of one code.</param>
/// <param name="Lists">The non-empty lists, in list order.</param>
/// <param name="DataFile">For <c>ilod</c>: the data file actually used; otherwise <c>null</c> (the index file).</param>
internal sealed record InvertedLists(string Kind, long CodeSize, IReadOnlyList<InvertedList> Lists, string? DataFile = null)
{
    /// <summary>For <c>ilod</c>: the absolute path stored in the index.</summary>
    public string? StoredDataFile { get; init; }

    /// <summary>Whether the lists are missing from the file (<c>il00</c>).</summary>
    public bool NotStored => Kind == "il00";

    public long TotalRows => Lists.Sum(l => l.Size);

    public static InvertedLists Empty(string kind, long codeSize) => new(kind, codeSize, []);
}
