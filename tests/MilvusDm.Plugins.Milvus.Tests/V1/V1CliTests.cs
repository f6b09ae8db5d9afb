using System.Text.Json;
using MilvusDm.Milvus.TestServer;
using MilvusDm.Plugins.Milvus.Tests.Support;

namespace MilvusDm.Plugins.Milvus.Tests.V1;

/// <summary>
/// The built tool against the test server in 1.x mode, as users run it: an original F2M file, general H2M and M2M jobs
/// with <c>verify: digest</c>, and <c>inspect URI --json</c> reporting <c>"protocol": "1.x"</c> and the digests.
/// </summary>
public sealed class V1CliTests
{
    [Fact]
    public async Task Original_F2M_file_writes_into_a_1x_server_and_inspect_reports_protocol_1x()
    {
        await using var server = await V1Jobs.StartAsync();
        using var cli = new CliRun();
        string job = $"""
            F2M:
              milvus_version: 1.1.0
              data_path: '{Jobs.FaissFixture("ivfflat_full.index")}'
              dest_host: '127.0.0.1'
              dest_port: {server.Uri.Port}
              mode: 'append'
              dest_collection_name: 'test'
              dest_partition_name: ''
              collection_parameter:
                dimension: 8
                index_file_size: 512
                metric_type: 'IP'
            """;
        var report = await cli.SucceedAsync(job);
        Assert.Equal(300, Dataset(report).GetProperty("rows_written").GetInt64());
        var stored = server.MilvusV1.FindCollection("test")!;
        Assert.Equal((8L, 512L, 2, 300L), (stored.Dimension, stored.IndexFileSize, stored.MetricType, stored.PersistedRows));

        var inspected = await cli.ToolAsync("inspect", server.Uri.ToString(), "--json");
        Assert.True(inspected.ExitCode == 0, inspected.ToString());
        using var json = JsonDocument.Parse(inspected.Output);
        var root = json.RootElement;
        Assert.Equal(("milvus", "1.x"), (root.GetProperty("format").GetString(), root.GetProperty("protocol").GetString()));
        var dataset = root.GetProperty("datasets").EnumerateArray().Single();
        Assert.Equal(("test/_default", "test", "_default", 300L), (dataset.GetProperty("name").GetString(), dataset.GetProperty("collection").GetString(),
            dataset.GetProperty("partition").GetString(), dataset.GetProperty("rows").GetInt64()));
        Assert.Equal(("float32", 8, "IP", true), (dataset.GetProperty("vector_type").GetString(), dataset.GetProperty("dim").GetInt32(),
            dataset.GetProperty("metric").GetString(), dataset.GetProperty("has_ids").GetBoolean()));
        Assert.Equal(FaissExpected.Of("ivfflat_full.index").Digest, dataset.GetProperty("digest").GetString());
    }

    [Fact]
    public async Task H2M_and_M2M_jobs_into_a_1x_server_pass_digest_verification()
    {
        await using var v2 = await MilvusTestServer.StartAsync();
        await using var v1 = await V1Jobs.StartAsync();
        var log = new TestLog();
        await using (var faiss = Jobs.Faiss("bin_idmap.index", log))
        await using (var sink = Jobs.Sink(v2, "collection: bits\npartition: p7\nload: true\n", log))
        {
            await Jobs.CopyAsync(faiss, sink);
        }

        using var cli = new CliRun();
        var h2m = Dataset(await cli.SucceedAsync(
            $"source: {{plugin: hdf5, paths: ['{V1Jobs.Hdf5Fixture("default_contiguous.h5")}']}}\n"
            + $"sink: {{plugin: milvus, uri: '{v1.Uri}', collection: h2m}}\nverify: digest\n"));
        Assert.Equal(("passed", V1Jobs.Hdf5Expected("default_contiguous.h5").Digest), (h2m.GetProperty("verification").GetString(), h2m.GetProperty("digest").GetString()));

        var m2m = Dataset(await cli.SucceedAsync(
            $"source: {{plugin: milvus, uri: '{v2.Uri}', collections: [bits/p7]}}\n"
            + $"sink: {{plugin: milvus, uri: '{v1.Uri}', mode: overwrite}}\nverify: digest\n"));
        Assert.Equal(("passed", FaissExpected.Of("bin_idmap.index").Digest), (m2m.GetProperty("verification").GetString(), m2m.GetProperty("digest").GetString()));
        Assert.Equal(3, v1.MilvusV1.FindCollection("bits")!.MetricType);
        Assert.Equal(30, v1.MilvusV1.FindCollection("bits")!.PersistedRowsOf("p7").Count());
    }

    private static JsonElement Dataset(JsonElement report) => report.GetProperty("datasets").EnumerateArray().Single();
}
