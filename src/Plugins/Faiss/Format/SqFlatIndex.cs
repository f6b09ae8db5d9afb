namespace MilvusDm.Plugins.Faiss.Format;

/// <summary><c>IxSQ</c> (formats.md 1.8): header, scalar quantizer, then <c>ntotal</c> codes at <paramref name="CodesOffset"/>.</summary>
internal sealed record SqFlatIndex(IndexHeader Header, ScalarQuantizer Quantizer, long CodesOffset) : FaissIndex(Header)
{
    public override string Describe() => $"{Type.Code}({Quantizer.QTypeName})";
}
