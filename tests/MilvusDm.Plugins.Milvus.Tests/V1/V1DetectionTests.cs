using MilvusDm.Abstractions;
using MilvusDm.Milvus.TestServer;
using MilvusDm.Plugins.Milvus.Client;

namespace MilvusDm.Plugins.Milvus.Tests.V1;

/// <summary>
/// Auto-detection (issue 10): 2.x Connect (UNIMPLEMENTED ignored), GetVersion, and on UNIMPLEMENTED the 1.x
/// Cmd("version"); each test-server mode answers only its own protocol; milvus_version is a hint that only warns.
/// </summary>
public sealed class V1DetectionTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Theory]
    [InlineData(null, "v2.4.13", "2.x")]
    [InlineData("1.1.1", "1.1.1", "1.x")]
    [InlineData("0.10.6", "0.10.6", "1.x")]
    public async Task Detection_picks_the_protocol_each_test_server_mode_speaks(string? legacyVersion, string version, string protocol)
    {
        await using var server = await MilvusTestServer.StartAsync(new MilvusTestServerOptions { LegacyVersion = legacyVersion });
        var endpoint = MilvusEndpoint.Resolve(server.Uri.ToString(), null, null, null, null, null, null, Jobs.Context(new TestLog()));
        var kind = await MilvusServerProbe.DetectAsync(endpoint, Ct);
        Assert.Equal((version, protocol), (kind.Version, kind.ProtocolName));

        // The same answer through the plugin's source, as inspect and M2M jobs see it.
        if (legacyVersion is null)
        {
            using var client = TestServerFixture.Client(server);
            await client.CreateCollectionAsync(TestSchemas.Create("probe", 4), Ct);
        }
        else
        {
            using var client = V1Clients.Of(server);
            await client.CreateCollectionAsync(new Protos.V1.CollectionSchema { CollectionName = "probe", Dimension = 4, IndexFileSize = 1024, MetricType = 1 }, Ct);
        }

        await using var source = new MilvusPlugin().TryOpenForInspect(new InspectRequest(server.Uri.ToString()), Jobs.Context(new TestLog()))!;
        Assert.Equal(protocol, (await source.ListDatasetsAsync(Ct)).First().Properties["protocol"]);
    }

    [Fact]
    public async Task A_1x_server_answers_2x_rpcs_unimplemented_and_a_2x_server_the_1x_service()
    {
        await using (var v1 = await V1Jobs.StartAsync())
        {
            using var client = TestServerFixture.Client(v1);
            foreach (var call in new Func<Task>[] { () => client.GetVersionAsync(Ct), () => client.HasCollectionAsync(new() { CollectionName = "x" }, Ct) })
            {
                var ex = await Assert.ThrowsAsync<DestinationException>(call);
                Assert.Equal(MilvusFailureKind.Unimplemented, MilvusClient.FailureOf(ex)!.Kind);
            }

            using var v1Client = V1Clients.Of(v1);
            Assert.Equal("1.1.1", await v1Client.VersionAsync(Ct));
        }

        await using var v2 = await MilvusTestServer.StartAsync();
        using var legacy = V1Clients.Of(v2);
        var refused = await Assert.ThrowsAsync<DestinationException>(() => legacy.VersionAsync(Ct));
        Assert.Equal(MilvusFailureKind.Unimplemented, MilvusClient.FailureOf(refused)!.Kind);
    }

    [Theory]
    [InlineData("2.2.0", true)]
    [InlineData("1.0.0", false)]
    [InlineData("0.10.2", false)]
    public async Task Milvus_version_is_a_hint_a_different_major_warns_and_the_server_decides(string hint, bool warns)
    {
        var log = new TestLog();
        await using var server = await V1Jobs.StartAsync();
        await using var faiss = Jobs.Faiss("idmap_flat_l2.index", log);
        await using var sink = Jobs.Sink(server, $"collection: h\nmilvus_version: {hint}\n", log);
        var result = await Jobs.CopyAsync(faiss, sink);
        Assert.Equal("1.x", result.Properties["protocol"]);
        Assert.Equal(warns, log.Warnings.Any(w => w.Contains($"milvus_version says {hint} but", StringComparison.Ordinal) && w.Contains("(1.x protocol)", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_server_speaking_neither_is_refused_with_a_clear_message()
    {
        var log = new TestLog();
        await using var server = await MilvusTestServer.StartAsync(new MilvusTestServerOptions { Unimplemented = new HashSet<string> { "Connect", "GetVersion" } });
        await using var faiss = Jobs.Faiss("idmap_flat_l2.index", log);
        await using var sink = Jobs.Sink(server, "collection: o\n", log);
        var ex = await Assert.ThrowsAsync<DestinationException>(() => Jobs.CopyAsync(faiss, sink));
        Assert.Contains("unsupported Milvus server (2.0/2.1?)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ServerError, ex.ExitCode);
    }
}
