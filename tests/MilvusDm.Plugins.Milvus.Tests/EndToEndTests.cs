using MilvusDm.Abstractions;
using MilvusDm.Milvus.TestServer;

namespace MilvusDm.Plugins.Milvus.Tests;

/// <summary>
/// F2M-style jobs: real Faiss fixtures through the Faiss plugin into the test server with the Milvus sink, then
/// read back with the Milvus source; the digests must equal the ones the fixture script computed with real Faiss.
/// </summary>
public sealed class EndToEndTests
{
    [Theory]
    [InlineData("idmap_flat_l2.index")]
    [InlineData("bin_idmap.index")]
    [InlineData("ivfflat_full.index")]
    public async Task Keyed_source_reproduces_the_source_digest(string fixture)
    {
        var log = new TestLog();
        await using var server = await MilvusTestServer.StartAsync();
        await using var faiss = Jobs.Faiss(fixture, log);
        await using var sink = Jobs.Sink(server, "collection: c\nbatch_bytes: 2000\n", log);
        var result = await Jobs.CopyAsync(faiss, sink);
        var expected = FaissExpected.Of(fixture);
        Assert.Equal(expected.Rows, result.RowsWritten);

        await using var source = Jobs.Source(server, "collections: [c]\nper_partition: false\n", log);
        var dataset = (await source.ListDatasetsAsync(CancellationToken.None)).Single();
        Assert.Equal("2.x", dataset.Properties["protocol"]);
        var digest = await Jobs.DigestAsync(source, dataset);
        Assert.Equal(expected.Rows, digest.Rows);
        Assert.Equal(expected.Digest, digest.Digest.ToString());
        Assert.Equal(expected.VectorsDigest, digest.VectorsDigest.ToString());
        Assert.Equal(0, server.Milvus.FindCollection("c")!.DuplicateRows);
    }

    [Theory]
    [InlineData("flat_l2.index")]
    [InlineData("bin_flat.index")]
    public async Task Idless_source_with_milvus_assigned_keys_reproduces_the_vectors_digest(string fixture)
    {
        var log = new TestLog();
        await using var server = await MilvusTestServer.StartAsync();
        await using var faiss = Jobs.Faiss(fixture, log);
        await using var sink = Jobs.Sink(server, "collection: auto\n", log);
        await Jobs.CopyAsync(faiss, sink, schema => schema with { KeyType = null });
        Assert.True(server.Milvus.FindCollection("auto")!.PrimaryField.AutoID);

        await using var source = Jobs.Source(server, "collections: [auto]\n", log);
        var datasets = await source.ListDatasetsAsync(CancellationToken.None);
        var dataset = datasets.Single(d => d.Partition == "_default");
        var digest = await Jobs.DigestAsync(source, dataset);
        Assert.Equal(FaissExpected.Of(fixture).VectorsDigest, digest.VectorsDigest.ToString());
    }

    [Fact]
    public async Task Modes_skip_append_overwrite_and_partitions()
    {
        var log = new TestLog();
        await using var server = await MilvusTestServer.StartAsync();
        const string Fixture = "idmap_flat_l2.index";
        async Task<SinkDatasetResult> Run(string yaml)
        {
            await using var faiss = Jobs.Faiss(Fixture, log);
            await using var sink = Jobs.Sink(server, yaml, log);
            return await Jobs.CopyAsync(faiss, sink);
        }

        Assert.Equal(30, (await Run("collection: m\n")).RowsWritten);
        Assert.True((await Run("collection: m\nmode: skip\n")).Skipped);
        Assert.Equal(30, server.Milvus.FindCollection("m")!.RowCount);
        await Run("collection: m\nmode: overwrite\n");
        Assert.Equal(30, server.Milvus.FindCollection("m")!.RowCount);

        await Run("collection: m\npartition: p1\n");
        Assert.Equal(60, server.Milvus.FindCollection("m")!.RowCount);
        await Run("collection: m\npartition: p1\nmode: overwrite\n"); // drops and refills only p1
        Assert.Equal(60, server.Milvus.FindCollection("m")!.RowCount);
        Assert.True((await Run("collection: m\npartition: p1\nmode: skip\n")).Skipped);

        // append of the same keyed rows duplicates them in Milvus; the count check still holds (grew by 30)
        await Run("collection: m\n");
        Assert.Equal(90, server.Milvus.FindCollection("m")!.RowCount);
    }

    [Fact]
    public async Task Existing_destination_with_another_dim_is_refused_before_any_row()
    {
        var log = new TestLog();
        await using var server = await MilvusTestServer.StartAsync();
        using (var client = TestServerFixture.Client(server))
        {
            await client.CreateCollectionAsync(TestSchemas.Create("d", 16), CancellationToken.None);
        }

        await using var faiss = Jobs.Faiss("idmap_flat_l2.index", log);
        await using var sink = Jobs.Sink(server, "collection: d\n", log);
        var ex = await Assert.ThrowsAsync<DestinationException>(() => Jobs.CopyAsync(faiss, sink));
        Assert.Contains("dim 16", ex.Message, StringComparison.Ordinal);
        Assert.Contains("dim 8", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ServerError, ex.ExitCode);
        Assert.False(server.Milvus.CallCounts.ContainsKey("Insert"));
    }

    [Fact]
    public async Task Collection_parameter_dimension_contradicting_the_source_is_a_config_error()
    {
        var log = new TestLog();
        await using var server = await MilvusTestServer.StartAsync();
        await using var faiss = Jobs.Faiss("idmap_flat_l2.index", log);
        await using var sink = Jobs.Sink(server, "collection: d\ncollection_parameter:\n  dimension: 128\n  metric_type: L2\n  index_file_size: 1024\n", log);
        var ex = await Assert.ThrowsAsync<ConfigException>(() => Jobs.CopyAsync(faiss, sink));
        Assert.Contains("128", ex.Message, StringComparison.Ordinal);
        Assert.Contains("dim 8", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FaultKind.Unavailable)]
    [InlineData(FaultKind.RateLimited)]
    [InlineData(FaultKind.StoreThenFail)]
    [InlineData(FaultKind.StoreThenDrop)]
    [InlineData(FaultKind.DropConnection)]
    public async Task Faults_end_with_the_same_digest_and_no_duplicates(FaultKind kind)
    {
        var log = new TestLog();
        var faults = new FaultPlan(0.4, [kind]) { MaxFaults = 20 };
        await using var server = await MilvusTestServer.StartAsync(new MilvusTestServerOptions { Faults = faults });
        await using var faiss = Jobs.Faiss("ivfflat_full.index", log);
        await using var sink = Jobs.Sink(server, "collection: f\nbatch_bytes: 1500\nin_flight: 4\n", log);
        var committed = new List<RowRange>();
        var result = await Jobs.CopyAsync(faiss, sink, committed: committed);
        Assert.True(faults.Injected > 0);
        Assert.Equal(300, result.RowsWritten);
        Assert.Equal(300, committed.Sum(r => r.Count));
        Assert.Equal(0, server.Milvus.FindCollection("f")!.DuplicateRows);

        await using var source = Jobs.Source(server, "collections: [f]\nper_partition: false\n", log);
        var digest = await Jobs.DigestAsync(source, (await source.ListDatasetsAsync(CancellationToken.None)).Single());
        Assert.Equal(FaissExpected.Of("ivfflat_full.index").Digest, digest.Digest.ToString());
    }

    [Fact]
    public async Task Oversized_requests_are_split_until_they_fit()
    {
        var log = new TestLog();
        await using var server = await MilvusTestServer.StartAsync(new MilvusTestServerOptions { MaxReceiveBytes = 2000 });
        await using var faiss = Jobs.Faiss("ivfflat_full.index", log);
        await using var sink = Jobs.Sink(server, "collection: s\nbatch_bytes: 100000\n", log);
        var result = await Jobs.CopyAsync(faiss, sink, maxBatchBytes: 1 << 20);
        Assert.Equal(300, result.RowsWritten);
        Assert.Equal(300, server.Milvus.FindCollection("s")!.RowCount);
    }

    [Fact]
    public async Task Resuming_sends_keyed_rows_as_upsert()
    {
        var log = new TestLog();
        await using var server = await MilvusTestServer.StartAsync();
        for (int run = 0; run < 2; run++)
        {
            await using var faiss = Jobs.Faiss("idmap_flat_l2.index", log);
            await using var sink = Jobs.Sink(server, "collection: r\n", log);
            await Jobs.CopyAsync(faiss, sink, resuming: run == 1);
        }

        Assert.Equal(30, server.Milvus.FindCollection("r")!.RowCount);
        Assert.True(server.Milvus.CallCounts["Upsert"] > 0);
    }

    [Fact]
    public async Task Token_from_the_environment_authenticates_and_a_wrong_one_exits_4()
    {
        var log = new TestLog();
        await using var server = await MilvusTestServer.StartAsync(new MilvusTestServerOptions { RequiredCredential = "root:Milvus" });
        await using (var faiss = Jobs.Faiss("idmap_flat_l2.index", log))
        await using (var sink = Jobs.Sink(server, "collection: a\n", log, new Dictionary<string, string> { ["MILVUS_TOKEN"] = "root:Milvus" }))
        {
            Assert.Equal(30, (await Jobs.CopyAsync(faiss, sink)).RowsWritten);
        }

        await using var faiss2 = Jobs.Faiss("idmap_flat_l2.index", log);
        await using var bad = Jobs.Sink(server, "collection: a\nuser: root\npassword: wrong\n", log);
        var ex = await Assert.ThrowsAsync<DestinationException>(() => Jobs.CopyAsync(faiss2, bad));
        Assert.Equal(ExitCodes.ServerError, ex.ExitCode);
        Assert.DoesNotContain("wrong", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v2.2.14", "needs Milvus 2.3 or newer")]
    [InlineData(null, "unsupported Milvus server (2.0/2.1?)")]
    public async Task Old_servers_are_refused_with_a_clear_message(string? version, string expected)
    {
        var options = version switch
        {
            null => new MilvusTestServerOptions { Unimplemented = new HashSet<string> { "Connect", "GetVersion" } },
            _ => new MilvusTestServerOptions { Version = version },
        };
        var log = new TestLog();
        await using var server = await MilvusTestServer.StartAsync(options);
        await using var faiss = Jobs.Faiss("idmap_flat_l2.index", log);
        await using var sink = Jobs.Sink(server, "collection: o\n", log);
        var ex = await Assert.ThrowsAsync<DestinationException>(() => Jobs.CopyAsync(faiss, sink));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Milvus_version_hint_with_another_major_warns()
    {
        var log = new TestLog();
        await using var server = await MilvusTestServer.StartAsync();
        await using var faiss = Jobs.Faiss("idmap_flat_l2.index", log);
        await using var sink = Jobs.Sink(server, "collection: h\nmilvus_version: 1.1.0\n", log);
        await Jobs.CopyAsync(faiss, sink);
        Assert.Contains(log.Warnings, w => w.Contains("milvus_version says 1.1.0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Source_refuses_an_unloaded_collection_without_index_and_releases_what_it_loaded()
    {
        var log = new TestLog();
        await using var server = await MilvusTestServer.StartAsync();
        using (var client = TestServerFixture.Client(server))
        {
            await client.CreateCollectionAsync(TestSchemas.Create("raw", 4), CancellationToken.None);
            await client.InsertAsync(TestSchemas.Insert("raw", 0, 3, 4), CancellationToken.None);
        }

        await using var source = Jobs.Source(server, "collections: [raw]\nper_partition: false\n", log);
        var dataset = (await source.ListDatasetsAsync(CancellationToken.None)).Single();
        var ex = await Assert.ThrowsAsync<SourceDataException>(() => Jobs.DigestAsync(source, dataset));
        Assert.Equal(ExitCodes.SourceDataError, ex.ExitCode);

        using (var client = TestServerFixture.Client(server))
        {
            await client.CreateIndexAsync(new Protos.Milvus.CreateIndexRequest { CollectionName = "raw", FieldName = "embedding" }, CancellationToken.None);
        }

        Assert.Equal(3, (await Jobs.DigestAsync(source, dataset)).Rows);
        Assert.Equal(Protos.Common.LoadState.NotLoad, server.Milvus.FindCollection("raw")!.LoadState);
    }

    [Fact]
    public async Task Inspect_claims_http_targets_and_reports_partitions()
    {
        var log = new TestLog();
        await using var server = await MilvusTestServer.StartAsync();
        await using (var faiss = Jobs.Faiss("idmap_flat_l2.index", log))
        await using (var sink = Jobs.Sink(server, "collection: i\npartition: p\nload: true\n", log))
        {
            await Jobs.CopyAsync(faiss, sink);
        }

        var plugin = new MilvusPlugin();
        Assert.Null(plugin.TryOpenForInspect(new InspectRequest("/tmp/x.index"), Jobs.Context(log)));
        await using var source = plugin.TryOpenForInspect(new InspectRequest(server.Uri.ToString()) { Collections = ["i"] }, Jobs.Context(log))!;
        var datasets = await source.ListDatasetsAsync(CancellationToken.None);
        Assert.Equal(["i/_default", "i/p"], datasets.Select(d => d.Name));
        Assert.Equal([0L, 30L], datasets.Select(d => d.Rows ?? -1));
        Assert.Equal("L2", datasets[1].Schema.Metric);
        Assert.Equal(FaissExpected.Of("idmap_flat_l2.index").Digest, (await Jobs.DigestAsync(source, datasets[1])).Digest.ToString());
    }
}
