namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>
/// <c>IwSq</c>/<c>IwSQ</c> (formats.md 1.8): IVF common part, scalar quantizer, code_size, by_residual (implied for
/// <c>IwSQ</c>) and the inverted lists. With by_residual the coarse centroid is added back after decoding.
/// </summary>
internal sealed record SqIvfIndex(IndexHeader Header, FaissIndex CoarseQuantizer, ScalarQuantizer Quantizer, bool ByResidual, InvertedLists Lists)
    : FaissIndex(Header)
{
    public override string Describe() => $"{Type.Code}({Quantizer.QTypeName}, {Lists.Kind})";
}
