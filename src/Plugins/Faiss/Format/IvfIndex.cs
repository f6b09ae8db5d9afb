namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>
/// An IVF index whose inverted lists hold exact vectors: <c>IwFl</c>, the pre-2018 <c>IvFl</c>/<c>IvFL</c>, or
/// <c>IBwF</c> (formats.md 1.5, 1.6, 1.11). Rows are streamed list by list.
/// </summary>
/// <param name="Header">Its header.</param>
/// <param name="ListCount">nlist.</param>
/// <param name="Quantizer">The coarse quantizer (skipped when reading).</param>
/// <param name="DirectMap">The direct map (skipped; the ids are in the lists).</param>
/// <param name="Lists">The inverted lists.</param>
internal sealed record IvfIndex(IndexHeader Header, long ListCount, FaissIndex Quantizer, DirectMap DirectMap, InvertedLists Lists)
    : FaissIndex(Header)
{
    public override string Describe() => $"{Type.Code}({Lists.Kind})";
}
