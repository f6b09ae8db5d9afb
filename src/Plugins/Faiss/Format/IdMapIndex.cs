namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>
/// <c>IxMp</c>/<c>IxM2</c> (formats.md 1.4) or <c>IBMp</c>/<c>IBM2</c>: an inner index plus <c>id_map[n]</c> at
/// <paramref name="IdsOffset"/>, where <c>id_map[i]</c> is the external id of the inner index's id <c>i</c>.
/// </summary>
internal sealed record IdMapIndex(IndexHeader Header, FaissIndex Inner, long IdsOffset, long IdCount) : FaissIndex(Header)
{
    public override string Describe() => $"{Type.Code}({Inner.Describe()})";
}
