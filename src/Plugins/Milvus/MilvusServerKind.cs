namespace MilvusDm.Plugins.Milvus;

/// <summary>What <see cref="MilvusServerProbe.DetectAsync"/> found: the protocol and the version the server reports.</summary>
internal sealed record MilvusServerKind(MilvusProtocol Protocol, string Version)
{
    /// <summary>As reports show it: <c>1.x</c> or <c>2.x</c>.</summary>
    public string ProtocolName => Protocol == MilvusProtocol.V1 ? "1.x" : "2.x";
}
