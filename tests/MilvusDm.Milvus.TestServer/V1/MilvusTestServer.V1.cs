using MilvusDm.Milvus.TestServer.V1;

namespace MilvusDm.Milvus.TestServer;

/// <summary>The 1.x mode: which service a request reaches depends on what the server plays (protocol reference 9).</summary>
public sealed partial class MilvusTestServer
{
    private const string V2Service = "milvus.proto.milvus.MilvusService";
    private const string V1Service = "milvus.grpc.MilvusService";

    private InMemoryMilvusV1? _milvusV1;

    /// <summary>The in-memory 1.x server, answering when <see cref="MilvusTestServerOptions.LegacyVersion"/> is set.</summary>
    public InMemoryMilvusV1 MilvusV1 =>
        LazyInitializer.EnsureInitialized(ref _milvusV1, () => new InMemoryMilvusV1(Options.LegacyVersion ?? "1.1.1"));

    /// <summary>A 2.x server knows only the 2.x service, a 1.x server only the 1.x one; anything else is UNIMPLEMENTED.</summary>
    private IReadOnlyDictionary<string, Route>? RoutesOf(string service) => (service, Options.LegacyVersion) switch
    {
        (V2Service, null) => Milvus.Routes,
        (V1Service, not null) => MilvusV1.Routes,
        _ => null,
    };

    private void CountCall(string service, string method)
    {
        if (service == V1Service)
        {
            MilvusV1.CountCall(method);
        }
        else
        {
            Milvus.CountCall(method);
        }
    }
}
