using MilvusDm.Milvus.TestServer;
using MilvusDm.Plugins.Milvus.Transport;
using MilvusDm.Plugins.Milvus.V1;

namespace MilvusDm.Plugins.Milvus.Tests.V1;

/// <summary>A 1.x client pointed at a test server.</summary>
internal static class V1Clients
{
    public static MilvusV1Client Of(MilvusTestServer server) =>
        new(new GrpcChannelSettings(server.Uri) { DefaultDeadline = TimeSpan.FromSeconds(30) });
}
