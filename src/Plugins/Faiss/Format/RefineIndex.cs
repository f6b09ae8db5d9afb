namespace MilvusDm.Plugins.Faiss.Format;

/// <summary><c>IxRF</c> (formats.md 1.10): a base index used for the search, and a refine index (flat for IndexRefineFlat).</summary>
internal sealed record RefineIndex(IndexHeader Header, FaissIndex Base, FaissIndex Refine) : FaissIndex(Header)
{
    public override string Describe() => $"{Type.Code}({Base.Describe()}, {Refine.Describe()})";
}
