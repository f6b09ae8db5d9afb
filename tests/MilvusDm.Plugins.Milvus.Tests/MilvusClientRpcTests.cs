using MilvusDm.Abstractions;
using MilvusDm.Milvus.TestServer;
using MilvusDm.Plugins.Milvus.Client;
using MilvusDm.Plugins.Milvus.Protos.Common;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using MilvusDm.Plugins.Milvus.Transport;

namespace MilvusDm.Plugins.Milvus.Tests;

/// <summary>Every RPC of the client against the in-process server over real h2c.</summary>
public sealed class MilvusClientRpcTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Connect_and_GetVersion_report_the_server_version_and_identifier()
    {
        await using var server = await MilvusTestServer.StartAsync(new MilvusTestServerOptions { Version = "v2.5.4" });
        using var client = TestServerFixture.Client(server);
        var connect = await client.ConnectAsync(new ConnectRequest { ClientInfo = new ClientInfo { SdkType = "milvusdm" } }, Ct);
        Assert.Equal(4242, connect.Identifier);
        Assert.Equal("v2.5.4", connect.ServerInfo.BuildTags);
        Assert.Equal("v2.5.4", (await client.GetVersionAsync(Ct)).Version);
        var ts = await client.AllocTimestampAsync(Ct);
        Assert.True(ts.Timestamp > 1UL << 18);
    }

    [Fact]
    public async Task Collection_lifecycle_create_has_describe_show_stats_drop()
    {
        await using var server = await MilvusTestServer.StartAsync();
        using var client = TestServerFixture.Client(server);
        Assert.False((await client.HasCollectionAsync(new HasCollectionRequest { CollectionName = "c" }, Ct)).Value);
        await client.CreateCollectionAsync(TestSchemas.Create("c", 4, dynamic: true), Ct);
        Assert.True((await client.HasCollectionAsync(new HasCollectionRequest { CollectionName = "c" }, Ct)).Value);
        var described = await client.DescribeCollectionAsync(new DescribeCollectionRequest { CollectionName = "c" }, Ct);
        Assert.Equal(["id", "embedding"], described.Schema.Fields.Select(f => f.Name));
        Assert.Equal([100L, 101L], described.Schema.Fields.Select(f => f.FieldID));
        Assert.True(described.Schema.EnableDynamicField);
        Assert.NotEqual(0, described.CollectionID);
        var shown = await client.ShowCollectionsAsync(new ShowCollectionsRequest(), Ct);
        Assert.Equal(["c"], shown.CollectionNames);
        var stats = await client.GetCollectionStatisticsAsync(new GetCollectionStatisticsRequest { CollectionName = "c" }, Ct);
        Assert.Equal("0", stats.Stats.Single(s => s.Key == "row_count").Value);
        await client.DropCollectionAsync(new DropCollectionRequest { CollectionName = "c" }, Ct);
        Assert.False((await client.HasCollectionAsync(new HasCollectionRequest { CollectionName = "c" }, Ct)).Value);
    }

    [Fact]
    public async Task Missing_collection_is_code_100_error_code_4_as_a_destination_error()
    {
        await using var server = await MilvusTestServer.StartAsync();
        using var client = TestServerFixture.Client(server);
        var ex = await Assert.ThrowsAsync<DestinationException>(() => client.DescribeCollectionAsync(new DescribeCollectionRequest { CollectionName = "nope" }, Ct));
        var failure = MilvusClient.FailureOf(ex)!;
        Assert.Equal(100, failure.Code);
        Assert.Equal(4, failure.ErrorCode);
        Assert.Equal(MilvusFailureKind.NotFound, failure.Kind);
        Assert.Contains("can't find collection", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ServerError, ex.ExitCode);
    }

    [Fact]
    public async Task Partitions_create_has_show_drop()
    {
        await using var server = await MilvusTestServer.StartAsync();
        using var client = TestServerFixture.Client(server);
        await client.CreateCollectionAsync(TestSchemas.Create("c", 4), Ct);
        await client.CreatePartitionAsync(new CreatePartitionRequest { CollectionName = "c", PartitionName = "p1" }, Ct);
        Assert.True((await client.HasPartitionAsync(new HasPartitionRequest { CollectionName = "c", PartitionName = "p1" }, Ct)).Value);
        var shown = await client.ShowPartitionsAsync(new ShowPartitionsRequest { CollectionName = "c" }, Ct);
        Assert.Equal(["_default", "p1"], shown.PartitionNames);
        await client.DropPartitionAsync(new DropPartitionRequest { CollectionName = "c", PartitionName = "p1" }, Ct);
        Assert.False((await client.HasPartitionAsync(new HasPartitionRequest { CollectionName = "c", PartitionName = "p1" }, Ct)).Value);
    }

    [Fact]
    public async Task Insert_upsert_flush_index_load_query_round_trip()
    {
        await using var server = await MilvusTestServer.StartAsync(new MilvusTestServerOptions { LoadingPolls = 2 });
        using var client = TestServerFixture.Client(server);
        await client.CreateCollectionAsync(TestSchemas.Create("c", 3), Ct);
        var inserted = await client.InsertAsync(TestSchemas.Insert("c", 10, 5, 3), Ct);
        Assert.Equal(5, inserted.InsertCnt);
        Assert.Equal([10L, 11, 12, 13, 14], inserted.IDs.IntId.Data);
        var upserted = await client.UpsertAsync(new UpsertRequest { CollectionName = "c", NumRows = 2, FieldsData = { TestSchemas.Insert("c", 13, 2, 3).FieldsData } }, Ct);
        Assert.Equal(2, upserted.UpsertCnt);

        var flush = await client.FlushAsync(new FlushRequest { CollectionNames = { "c" } }, Ct);
        Assert.True(flush.CollFlushTs.ContainsKey("c"));
        var state = await client.GetFlushStateAsync(new GetFlushStateRequest { CollectionName = "c", SegmentIDs = { flush.CollSegIDs["c"].Data } }, Ct);
        Assert.True(state.Flushed);

        var notLoaded = await Assert.ThrowsAsync<DestinationException>(() =>
            client.QueryAsync(new QueryRequest { CollectionName = "c", OutputFields = { "count(*)" } }, Ct));
        Assert.Equal(101, MilvusClient.FailureOf(notLoaded)!.Code);

        var noIndex = await Assert.ThrowsAsync<DestinationException>(() => client.LoadCollectionAsync(new LoadCollectionRequest { CollectionName = "c" }, Ct));
        Assert.Equal(700, MilvusClient.FailureOf(noIndex)!.Code);
        await client.CreateIndexAsync(new CreateIndexRequest
        {
            CollectionName = "c",
            FieldName = "embedding",
            ExtraParams = { new Protos.Common.KeyValuePair { Key = "index_type", Value = "AUTOINDEX" }, new Protos.Common.KeyValuePair { Key = "metric_type", Value = "L2" } },
        }, Ct);
        var index = (await client.DescribeIndexAsync(new DescribeIndexRequest { CollectionName = "c", FieldName = "embedding" }, Ct)).IndexDescriptions.Single();
        Assert.Equal("_default_idx_101", index.IndexName);
        Assert.Equal(IndexState.Finished, index.State);

        await client.LoadCollectionAsync(new LoadCollectionRequest { CollectionName = "c" }, Ct);
        Assert.Equal(LoadState.Loading, (await client.GetLoadStateAsync(new GetLoadStateRequest { CollectionName = "c" }, Ct)).State);
        Assert.Equal(LoadState.Loaded, (await client.GetLoadStateAsync(new GetLoadStateRequest { CollectionName = "c" }, Ct)).State);

        var count = await client.QueryAsync(new QueryRequest { CollectionName = "c", OutputFields = { "count(*)" } }, Ct);
        Assert.Equal(5, count.FieldsData.Single().Scalars.LongData.Data.Single());
        var page = await client.QueryAsync(new QueryRequest
        {
            CollectionName = "c",
            Expr = "id > 11",
            OutputFields = { "*" },
            QueryParams = { new Protos.Common.KeyValuePair { Key = "iterator", Value = "True" }, new Protos.Common.KeyValuePair { Key = "limit", Value = "2" } },
        }, Ct);
        Assert.NotEqual(0UL, page.SessionTs);
        Assert.Equal([12L, 13], page.FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data);
        var vectors = page.FieldsData.Single(f => f.FieldName == "embedding").Vectors;
        Assert.Equal(3, vectors.Dim);
        Assert.Equal([6f, 7f, 8f, 6.5f, 7.5f, 8.5f], vectors.FloatVector.Data);

        await client.ReleaseCollectionAsync(new ReleaseCollectionRequest { CollectionName = "c" }, Ct);
        Assert.Equal(LoadState.NotLoad, (await client.GetLoadStateAsync(new GetLoadStateRequest { CollectionName = "c" }, Ct)).State);
    }

    [Fact]
    public async Task Dimension_mismatch_is_refused_with_code_1100()
    {
        await using var server = await MilvusTestServer.StartAsync();
        using var client = TestServerFixture.Client(server);
        await client.CreateCollectionAsync(TestSchemas.Create("c", 4), Ct);
        var ex = await Assert.ThrowsAsync<DestinationException>(() => client.InsertAsync(TestSchemas.Insert("c", 0, 2, 3), Ct));
        Assert.Equal(1100, MilvusClient.FailureOf(ex)!.Code);
        Assert.Contains("is not equal to schema dim (4)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aliases_create_alter_drop_and_resolve()
    {
        await using var server = await MilvusTestServer.StartAsync();
        using var client = TestServerFixture.Client(server);
        await client.CreateCollectionAsync(TestSchemas.Create("a", 2), Ct);
        await client.CreateCollectionAsync(TestSchemas.Create("b", 2), Ct);
        await client.CreateAliasAsync(new CreateAliasRequest { CollectionName = "a", Alias = "live" }, Ct);
        Assert.Equal("a", (await client.DescribeCollectionAsync(new DescribeCollectionRequest { CollectionName = "live" }, Ct)).CollectionName);
        await client.AlterAliasAsync(new AlterAliasRequest { CollectionName = "b", Alias = "live" }, Ct);
        Assert.Equal("b", (await client.DescribeCollectionAsync(new DescribeCollectionRequest { CollectionName = "live" }, Ct)).CollectionName);
        var conflict = await Assert.ThrowsAsync<DestinationException>(() => client.CreateAliasAsync(new CreateAliasRequest { CollectionName = "a", Alias = "live" }, Ct));
        Assert.Equal(1602, MilvusClient.FailureOf(conflict)!.Code);
        await client.DropAliasAsync(new DropAliasRequest { Alias = "live" }, Ct);
        var gone = await Assert.ThrowsAsync<DestinationException>(() => client.DescribeCollectionAsync(new DescribeCollectionRequest { CollectionName = "live" }, Ct));
        Assert.Equal(100, MilvusClient.FailureOf(gone)!.Code);
    }

    [Fact]
    public async Task Authorization_is_checked_and_refusal_is_unauthenticated()
    {
        var options = new MilvusTestServerOptions { RequiredCredential = "root:Milvus" };
        await using var server = await MilvusTestServer.StartAsync(options);
        using (var good = TestServerFixture.Client(server, MilvusCredentials.AuthorizationHeader(null, "root", "Milvus")))
        {
            Assert.Equal("v2.4.13", (await good.GetVersionAsync(Ct)).Version);
        }

        using var bad = TestServerFixture.Client(server, MilvusCredentials.AuthorizationHeader("wrong-token", null, null));
        var ex = await Assert.ThrowsAsync<DestinationException>(() => bad.GetVersionAsync(Ct));
        Assert.Equal(MilvusFailureKind.Unauthenticated, MilvusClient.FailureOf(ex)!.Kind);
        Assert.Equal(GrpcStatusCode.Unauthenticated, MilvusClient.FailureOf(ex)!.GrpcStatus);
        Assert.DoesNotContain("wrong-token", ex.Message, StringComparison.Ordinal);
        Assert.Equal("cm9vdDpNaWx2dXM=", MilvusCredentials.AuthorizationHeader(null, "root", "Milvus"));
    }

    [Fact]
    public async Task Dbname_header_selects_the_database()
    {
        await using var server = await MilvusTestServer.StartAsync();
        using var client = TestServerFixture.Client(server, db: "other");
        var ex = await Assert.ThrowsAsync<DestinationException>(() => client.CreateCollectionAsync(TestSchemas.Create("c", 2), Ct));
        Assert.Equal(800, MilvusClient.FailureOf(ex)!.Code);
    }

    [Fact]
    public async Task Message_above_the_receive_limit_is_resource_exhausted_and_stores_nothing()
    {
        await using var server = await MilvusTestServer.StartAsync(new MilvusTestServerOptions { MaxReceiveBytes = 64 * 1024 });
        using var client = TestServerFixture.Client(server);
        await client.CreateCollectionAsync(TestSchemas.Create("c", 128), Ct);
        var ex = await Assert.ThrowsAsync<DestinationException>(() => client.InsertAsync(TestSchemas.Insert("c", 0, 200, 128), Ct));
        Assert.Equal(MilvusFailureKind.MessageTooLarge, MilvusClient.FailureOf(ex)!.Kind);
        Assert.Equal(0, server.Milvus.FindCollection("c")!.RowCount);
    }

    [Fact]
    public async Task Large_messages_within_the_limit_pass_both_ways()
    {
        await using var server = await MilvusTestServer.StartAsync();
        using var client = TestServerFixture.Client(server);
        await client.CreateCollectionAsync(TestSchemas.Create("c", 768), Ct);
        await client.InsertAsync(TestSchemas.Insert("c", 0, 8000, 768), Ct); // about 24 MB, far above gRPC's 4 MB default
        await client.CreateIndexAsync(new CreateIndexRequest { CollectionName = "c", FieldName = "embedding" }, Ct);
        await client.LoadCollectionAsync(new LoadCollectionRequest { CollectionName = "c" }, Ct);
        var all = await client.QueryAsync(new QueryRequest { CollectionName = "c", Expr = "id >= 0", OutputFields = { "embedding" } }, Ct);
        Assert.Equal(8000 * 768, all.FieldsData.Single(f => f.FieldName == "embedding").Vectors.FloatVector.Data.Count);
    }

    [Fact]
    public async Task Injected_faults_map_to_retriable_kinds()
    {
        var faults = new FaultPlan(1.0, [FaultKind.Unavailable]) { MaxFaults = 1 };
        await using var server = await MilvusTestServer.StartAsync(new MilvusTestServerOptions { Faults = faults });
        using var client = TestServerFixture.Client(server);
        await client.CreateCollectionAsync(TestSchemas.Create("c", 2), Ct);
        var ex = await Assert.ThrowsAsync<DestinationException>(() => client.InsertAsync(TestSchemas.Insert("c", 0, 1, 2), Ct));
        Assert.Equal(MilvusFailureKind.Retriable, MilvusClient.FailureOf(ex)!.Kind);
        await client.InsertAsync(TestSchemas.Insert("c", 0, 1, 2), Ct);
        Assert.Equal(1, server.Milvus.FindCollection("c")!.RowCount);
    }

    [Fact]
    public async Task Rate_limit_status_is_retriable_and_quota_is_not()
    {
        await using var server = await MilvusTestServer.StartAsync(new MilvusTestServerOptions { Faults = new FaultPlan(1.0, [FaultKind.RateLimited]) { MaxFaults = 1 } });
        using var client = TestServerFixture.Client(server);
        await client.CreateCollectionAsync(TestSchemas.Create("c", 2), Ct);
        var ex = await Assert.ThrowsAsync<DestinationException>(() => client.InsertAsync(TestSchemas.Insert("c", 0, 1, 2), Ct));
        var failure = MilvusClient.FailureOf(ex)!;
        Assert.Equal((8, 49, MilvusFailureKind.Retriable), (failure.Code, failure.ErrorCode, failure.Kind));
        var quota = new MilvusCallException("Insert", GrpcStatusCode.Ok, 9, 53, "memory quota exhausted", true, true);
        Assert.Equal(MilvusFailureKind.QuotaRefused, quota.Kind);
    }

    [Fact]
    public async Task Deadline_exceeded_is_reported_as_ambiguous()
    {
        var faults = new FaultPlan(1.0, [FaultKind.StoreThenFail]) { Delay = TimeSpan.FromSeconds(2), MaxFaults = 1 };
        await using var server = await MilvusTestServer.StartAsync(new MilvusTestServerOptions { Faults = faults });
        using var client = TestServerFixture.Client(server);
        await client.CreateCollectionAsync(TestSchemas.Create("c", 2), Ct);
        var ex = await Assert.ThrowsAsync<DestinationException>(() => client.InsertAsync(TestSchemas.Insert("c", 0, 1, 2), Ct, TimeSpan.FromMilliseconds(300)));
        var failure = MilvusClient.FailureOf(ex)!;
        Assert.Equal(MilvusFailureKind.DeadlineExceeded, failure.Kind);
        Assert.True(failure.MayHaveBeenProcessed);
    }

    [Fact]
    public async Task Old_server_without_GetVersion_answers_unimplemented_and_a_1x_server_answers_Cmd()
    {
        var options = new MilvusTestServerOptions { Unimplemented = new HashSet<string> { "Connect", "GetVersion" }, LegacyVersion = "1.1.1" };
        await using var server = await MilvusTestServer.StartAsync(options);
        using var client = TestServerFixture.Client(server);
        var ex = await Assert.ThrowsAsync<DestinationException>(() => client.GetVersionAsync(Ct));
        Assert.Equal(MilvusFailureKind.Unimplemented, MilvusClient.FailureOf(ex)!.Kind);
        Assert.Equal("1.1.1", await client.LegacyVersionAsync(Ct));
    }

    [Fact]
    public async Task Connection_refused_is_unavailable_and_certainly_not_processed()
    {
        using var client = new MilvusClient(new GrpcChannelSettings(new Uri("http://127.0.0.1:1")));
        var ex = await Assert.ThrowsAsync<DestinationException>(() => client.GetVersionAsync(Ct));
        var failure = MilvusClient.FailureOf(ex)!;
        Assert.Equal(MilvusFailureKind.Retriable, failure.Kind);
        Assert.False(failure.MayHaveBeenProcessed);
    }
}
