using MilvusDm.Milvus.TestServer;
using MilvusDm.Plugins.Milvus.Client;
using MilvusDm.Plugins.Milvus.Transport;

namespace MilvusDm.Plugins.Milvus.Tests;

/// <summary>Starts a test server and a client pointed at it.</summary>
internal static class TestServerFixture
{
    public static MilvusClient Client(MilvusTestServer server, string? authorization = null, string? db = null, TimeSpan? deadline = null) =>
        Client(server.Uri, authorization, db, deadline);

    public static MilvusClient Client(Uri uri, string? authorization = null, string? db = null, TimeSpan? deadline = null) =>
        new(new GrpcChannelSettings(uri)
        {
            Authorization = authorization,
            DatabaseName = db,
            DefaultDeadline = deadline ?? TimeSpan.FromSeconds(30),
        });
}
