namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>
/// <c>IxF2</c>/<c>IxFI</c>/<c>IxFl</c> (formats.md 1.3) or <c>IBxF</c> (1.11): <c>ntotal</c> rows of
/// <paramref name="RowBytes"/> bytes each, contiguous at <paramref name="CodesOffset"/>.
/// </summary>
internal sealed record FlatIndex(IndexHeader Header, long CodesOffset, int RowBytes) : FaissIndex(Header)
{
    public override string Describe() => Type.Code;
}
