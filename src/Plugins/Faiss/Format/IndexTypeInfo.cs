namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>A Faiss index type code with its class name and how this reader treats it.</summary>
/// <param name="Code">The four characters.</param>
/// <param name="ClassName">The Faiss class, for messages.</param>
/// <param name="Kind">Read, refused as lossy, or unsupported.</param>
/// <param name="Binary">Whether it is read with <c>read_index_binary</c>.</param>
/// <param name="Storage">For lossy types: what the file holds instead of the vectors.</param>
internal sealed record IndexTypeInfo(string Code, string ClassName, IndexKind Kind, bool Binary, string Storage = "")
{
    /// <summary>"IxSQ (IndexScalarQuantizer)".</summary>
    public string Display => $"{Code} ({ClassName})";
}
