namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>
/// <c>IHN*</c> (formats.md 1.7) or <c>IBHf</c>: the graph is skipped; the vectors live in <paramref name="Storage"/>
/// (<c>null</c> when the file was written without storage).
/// </summary>
internal sealed record HnswIndex(IndexHeader Header, FaissIndex? Storage) : FaissIndex(Header)
{
    public override string Describe() => $"{Type.Code}({Storage?.Describe() ?? "null"})";
}
