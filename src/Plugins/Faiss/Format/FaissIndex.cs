namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>A parsed index object: its header and where its parts live. Payloads are located, never loaded.</summary>
/// <param name="Header">The header (type, d, ntotal, metric).</param>
internal abstract record FaissIndex(IndexHeader Header)
{
    public IndexTypeInfo Type => Header.Type;

    /// <summary>"IxMp(IwFl)"-style description of the whole tree, for plans and messages.</summary>
    public abstract string Describe();
}
