using MilvusDm.Abstractions;
using MilvusDm.Milvus.TestServer;
using MilvusDm.Plugins.Milvus.Sink;

namespace MilvusDm.Plugins.Milvus.Tests;

/// <summary>
/// mode: replace (issue 8, safe replace): the job writes a staging collection, verifies it, and only then points the
/// name (an alias) at it, so readers of the name see the old rows or the new rows, never a mix.
/// </summary>
public sealed class ReplaceTests
{
    private const string Old = "idmap_flat_l2.index";   // 30 rows, dim 8
    private const string New = "ivfflat_full.index";    // 300 rows, dim 8

    [Fact]
    public async Task Replace_over_a_plain_collection_then_over_the_alias_serves_exactly_the_new_rows()
    {
        var log = new TestLog();
        await using var server = await MilvusTestServer.StartAsync();
        await CopyAsync(server, Old, "collection: live\nload: true\n", log);
        Assert.Null(Alias(server, "live"));

        var first = await CopyAsync(server, New, "collection: live\nmode: replace\n", log, VerifyLevel.Digest);
        string staging = Alias(server, "live")!;
        Assert.StartsWith("live__v", staging, StringComparison.Ordinal);
        Assert.Equal(300, first.RowsWritten);
        Assert.EndsWith("/live", first.Destination, StringComparison.Ordinal);
        Assert.Contains("renamed to live__previous", first.Properties["replace_switch"], StringComparison.Ordinal);
        Assert.Equal("dropped", first.Properties["replace_previous_action"]);
        Assert.Equal([staging], CollectionNames(server));
        // The old collection was loaded, so its replacement is loaded before readers are switched to it.
        Assert.Equal(Protos.Common.LoadState.Loaded, server.Milvus.FindCollection(staging)!.LoadState);
        Assert.Contains(log.Warnings, w => w.Contains("is a plain collection", StringComparison.Ordinal));
        Assert.Equal(FaissExpected.Of(New).Digest, await DigestOfAsync(server, "live", log));

        // The name is an alias now: the next replace switches it atomically and drops what it served.
        await Task.Delay(5); // staging names carry the time to the millisecond
        var second = await CopyAsync(server, Old, "collection: live\nmode: replace\n", log);
        string next = Alias(server, "live")!;
        Assert.NotEqual(staging, next);
        Assert.Equal("alias switched atomically", second.Properties["replace_switch"]);
        Assert.Equal(staging, second.Properties["replace_previous"]);
        Assert.Equal([next], CollectionNames(server));
        Assert.Equal(FaissExpected.Of(Old).Digest, await DigestOfAsync(server, "live", log));
    }

    [Fact]
    public async Task Keep_previous_keeps_the_collection_the_name_served()
    {
        var log = new TestLog();
        await using var server = await MilvusTestServer.StartAsync();
        await CopyAsync(server, Old, "collection: kept\nmode: replace\n", log);
        string before = Alias(server, "kept")!;
        await Task.Delay(5);
        var result = await CopyAsync(server, New, "collection: kept\nmode: replace\nkeep_previous: true\n", log);
        Assert.Equal("kept (keep_previous)", result.Properties["replace_previous_action"]);
        Assert.Contains(before, CollectionNames(server));
        Assert.Equal(2, CollectionNames(server).Count);
        Assert.Equal(FaissExpected.Of(New).Digest, await DigestOfAsync(server, "kept", log));
        Assert.Equal(FaissExpected.Of(Old).Digest, await DigestOfAsync(server, before, log));
    }

    [Fact]
    public async Task A_failure_while_writing_leaves_the_old_rows_served()
    {
        var log = new TestLog();
        var faults = new FaultPlan(1.0, [FaultKind.Unavailable]) { Enabled = false };
        await using var server = await MilvusTestServer.StartAsync(new MilvusTestServerOptions { Faults = faults });
        await CopyAsync(server, Old, "collection: safe\nmode: replace\n", log);
        string served = Alias(server, "safe")!;

        faults.Enabled = true; // from now on every Insert fails
        var ex = await Assert.ThrowsAsync<DestinationException>(() => CopyAsync(server, New, "collection: safe\nmode: replace\nmax_attempts: 2\n", log));
        Assert.Equal(ExitCodes.ServerError, ex.ExitCode);
        Assert.Equal(served, Alias(server, "safe"));
        Assert.Equal(FaissExpected.Of(Old).Digest, await DigestOfAsync(server, "safe", log));
    }

    [Fact]
    public async Task A_refused_switch_leaves_the_old_rows_served_and_the_staging_collection_for_inspection()
    {
        var log = new TestLog();
        var faults = new FaultPlan(1.0, [FaultKind.Unavailable]) { Methods = new HashSet<string> { "AlterAlias" } };
        await using var server = await MilvusTestServer.StartAsync(new MilvusTestServerOptions { Faults = faults });
        await CopyAsync(server, Old, "collection: sw\nmode: replace\n", log); // first replace creates the alias: no AlterAlias
        string served = Alias(server, "sw")!;
        await Task.Delay(5);

        var ex = await Assert.ThrowsAsync<DestinationException>(() => CopyAsync(server, New, "collection: sw\nmode: replace\n", log));
        Assert.Equal(ExitCodes.ServerError, ex.ExitCode);
        Assert.Equal(served, Alias(server, "sw"));
        Assert.Equal(FaissExpected.Of(Old).Digest, await DigestOfAsync(server, "sw", log));
        Assert.Equal(2, CollectionNames(server).Count); // the verified staging collection stays for inspection
    }

    [Fact]
    public async Task A_staging_collection_whose_digest_differs_is_not_published()
    {
        var log = new TestLog();
        await using var server = await MilvusTestServer.StartAsync();
        await CopyAsync(server, Old, "collection: v\nmode: replace\n", log);
        string served = Alias(server, "v")!;

        // A staging collection holding the old rows, checked against the digest of other rows: exit 5.
        var endpoint = MilvusEndpoint.Resolve(server.Uri.ToString(), null, null, null, null, null, null, Jobs.Context(log));
        var live = new LiveTarget(served, IsAlias: true, Loaded: false);
        var state = new ReplaceState("v", served, live, "x", resumed: false);
        var digest = FaissExpected.Of(New);
        state.Add(new DigestPair(ContentDigest.Parse(digest.Digest), ContentDigest.Parse(digest.VectorsDigest), digest.Rows), keyed: true);
        var ex = await Assert.ThrowsAsync<VerificationException>(() => new StagingVerifier(endpoint, Jobs.Context(log)).VerifyAsync(state, CancellationToken.None));
        Assert.Equal(ExitCodes.VerificationFailed, ex.ExitCode);
        Assert.Contains("v still serves", ex.Message, StringComparison.Ordinal);
        Assert.Contains(digest.Digest, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_datasets_into_one_name_are_published_together_after_the_last()
    {
        var log = new TestLog();
        await using var server = await MilvusTestServer.StartAsync();
        await using var sink = Jobs.Sink(server, "collection: merged\nmode: replace\n", log);
        await using var first = Jobs.Faiss(Old, log);
        await using var second = Jobs.Faiss("idmap_ivfflat.index", log);
        var targets = new List<(IVectorSource Source, SinkTarget Target)>();
        foreach (var source in new[] { first, second })
        {
            var dataset = (await source.ListDatasetsAsync(CancellationToken.None)).Single();
            var target = new SinkTarget(dataset, dataset.Schema) { Verify = VerifyLevel.Digest };
            await sink.PlanAsync(target, CancellationToken.None);
            targets.Add((source, target));
        }

        foreach (var (source, target) in targets)
        {
            Assert.Null(Alias(server, "merged")); // nothing is published before the last dataset completes
            await using var writer = await sink.OpenAsync(target, CancellationToken.None);
            await foreach (var batch in source.ReadAsync(target.Source, new ReadOptions { MaxBatchBytes = 256 }, CancellationToken.None))
            {
                await writer.WriteAsync(batch, CancellationToken.None);
            }

            await writer.CompleteAsync(CancellationToken.None);
        }

        Assert.NotNull(Alias(server, "merged"));
        var expected = ContentDigest.Parse(FaissExpected.Of(Old).Digest) + ContentDigest.Parse(FaissExpected.Of("idmap_ivfflat.index").Digest);
        Assert.Equal(expected.ToString(), await DigestOfAsync(server, "merged", log));
    }

    private static async Task<SinkDatasetResult> CopyAsync(MilvusTestServer server, string fixture, string yaml, TestLog log, VerifyLevel verify = VerifyLevel.Count)
    {
        await using var faiss = Jobs.Faiss(fixture, log);
        await using var sink = Jobs.Sink(server, yaml, log);
        return await Jobs.CopyAsync(faiss, sink, verify: verify);
    }

    private static async Task<string> DigestOfAsync(MilvusTestServer server, string name, TestLog log)
    {
        await using var source = Jobs.Source(server, $"collections: [{name}]\nper_partition: false\n", log);
        var dataset = (await source.ListDatasetsAsync(CancellationToken.None)).Single();
        return (await Jobs.DigestAsync(source, dataset)).Digest.ToString();
    }

    private static string? Alias(MilvusTestServer server, string alias) =>
        server.Milvus.Inspect(dbs => dbs["default"].Aliases.GetValueOrDefault(alias));

    private static List<string> CollectionNames(MilvusTestServer server) =>
        server.Milvus.Inspect(dbs => dbs["default"].Collections.Keys.Order(StringComparer.Ordinal).ToList());
}
