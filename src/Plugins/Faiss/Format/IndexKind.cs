namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>How this reader treats an index type.</summary>
internal enum IndexKind
{
    /// <summary>Stores the exact vectors; read.</summary>
    Exact,

    /// <summary>Stores only quantized or transformed codes; parsed (so it can be skipped) but refused as a source.</summary>
    Lossy,

    /// <summary>A Faiss type this reader cannot parse.</summary>
    Unsupported,
}
