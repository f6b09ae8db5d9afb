namespace MilvusDm.Plugins.Milvus.Transport;

/// <summary>Where and how to reach a gRPC server. <see cref="Authorization"/> is the ready header value (base64).</summary>
internal sealed record GrpcChannelSettings(Uri Address)
{
    /// <summary>Well above gRPC's 4 MB default: query pages of vectors are large (protocol reference 1.1).</summary>
    public const int DefaultMaxReceiveBytes = 512 * 1024 * 1024;

    public string? Authorization { get; init; }

    public string? DatabaseName { get; init; }

    public string? CaFile { get; init; }

    public bool SkipCertificateVerification { get; init; }

    public TimeSpan DefaultDeadline { get; init; } = TimeSpan.FromMinutes(2);

    public int MaxReceiveBytes { get; init; } = DefaultMaxReceiveBytes;
}
