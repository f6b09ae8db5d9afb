namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>An index that holds only codes (SQ, PQ, LSH, transformed vectors): parsed so it can be skipped, never read.</summary>
/// <param name="Header">Its header.</param>
/// <param name="Inner">A nested index, if any (e.g. the sub-index of IxPT), for the description.</param>
internal sealed record LossyIndex(IndexHeader Header, FaissIndex? Inner = null) : FaissIndex(Header)
{
    public override string Describe() => Inner is null ? Type.Code : $"{Type.Code}({Inner.Describe()})";
}
