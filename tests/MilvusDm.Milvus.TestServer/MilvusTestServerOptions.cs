namespace MilvusDm.Milvus.TestServer;

/// <summary>How the test server behaves.</summary>
public sealed record MilvusTestServerOptions
{
    /// <summary>The proxy receive limit shipped in milvus.yaml 2.3-2.6.</summary>
    public const int DefaultMaxReceiveBytes = 64 * 1024 * 1024;

    /// <summary>What GetVersion and Connect report.</summary>
    public string Version { get; init; } = "v2.4.13";

    /// <summary>When set, every call needs <c>authorization: base64(RequiredCredential)</c> (a token or user:password).</summary>
    public string? RequiredCredential { get; init; }

    public int MaxReceiveBytes { get; init; } = DefaultMaxReceiveBytes;

    /// <summary>RPC names answered with UNIMPLEMENTED, to play an older server.</summary>
    public IReadOnlySet<string> Unimplemented { get; init; } = new HashSet<string>();

    /// <summary>
    /// Plays a Milvus 0.10/1.x server whose <c>Cmd("version")</c> answers this: <c>milvus.grpc.MilvusService</c> is served
    /// by <see cref="MilvusTestServer.MilvusV1"/> and every 2.x RPC answers UNIMPLEMENTED, as on a real 1.x server.
    /// </summary>
    public string? LegacyVersion { get; init; }

    public FaultPlan? Faults { get; init; }

    /// <summary>When set, the server speaks TLS (https://) with this certificate and its private key.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; init; }

    /// <summary>Polls of GetLoadState answered "Loading" after LoadCollection, to exercise waiting.</summary>
    public int LoadingPolls { get; init; }
}
