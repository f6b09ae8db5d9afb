using System.Globalization;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Client;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using MilvusDm.Plugins.Milvus.Transport;
using Xunit.Abstractions;

namespace MilvusDm.Plugins.Milvus.Tests.RealServer;

/// <summary>
/// The end-to-end jobs of the test-server suites against a real Milvus 2.3+ server (issue 5, item 12): opt-in with
/// <c>MILVUS_URI</c> (and <c>MILVUS_TOKEN</c> or <c>MILVUS_USER</c>/<c>MILVUS_PASSWORD</c>). One test, so that without
/// a server there is exactly one skip, printed with its reason. Everything it creates is named
/// <c>milvusdm_test_RUN_*</c> and dropped at the end.
/// </summary>
public sealed class RealServerTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => CancellationToken.None;

    [RealServerFact]
    public async Task End_to_end_jobs_against_a_real_server_reproduce_every_source_digest()
    {
        string uri = Environment.GetEnvironmentVariable("MILVUS_URI")!;
        var env = new[] { "MILVUS_TOKEN", "MILVUS_USER", "MILVUS_PASSWORD" }
            .Where(n => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(n)))
            .ToDictionary(n => n, n => Environment.GetEnvironmentVariable(n)!);
        string prefix = $"milvusdm_test_{DateTime.UtcNow:yyyyMMddHHmmss}_";
        var log = new TestLog();
        using var client = new MilvusClient(new GrpcChannelSettings(new Uri(uri))
        {
            Authorization = MilvusCredentials.AuthorizationHeader(env.GetValueOrDefault("MILVUS_TOKEN"), env.GetValueOrDefault("MILVUS_USER"), env.GetValueOrDefault("MILVUS_PASSWORD")),
        });
        output.WriteLine($"server {uri}: {(await client.GetVersionAsync(Ct)).Version}; collections prefixed {prefix}");
        try
        {
            // F2M: keyed float, keyed binary, and id-less with server-assigned keys.
            await CopyFaissAsync(uri, env, "idmap_flat_l2.index", $"collection: {prefix}keyed\nload: true\n", log);
            Assert.Equal(Expected("idmap_flat_l2.index"), await DigestOfAsync(uri, env, $"{prefix}keyed", log));
            await CopyFaissAsync(uri, env, "bin_idmap.index", $"collection: {prefix}bin\n", log);
            Assert.Equal(Expected("bin_idmap.index"), await DigestOfAsync(uri, env, $"{prefix}bin", log));
            await CopyFaissAsync(uri, env, "flat_l2.index", $"collection: {prefix}auto\n", log, idless: true);
            Assert.Equal(FaissExpected.Of("flat_l2.index").VectorsDigest, (await ReadAsync(uri, env, $"{prefix}auto", log)).VectorsDigest.ToString());
            output.WriteLine("F2M keyed, binary and id-less: digests equal");

            // Modes: skip leaves the collection, overwrite rewrites it.
            Assert.True((await CopyFaissAsync(uri, env, "ivfflat_full.index", $"collection: {prefix}keyed\nmode: skip\n", log)).Skipped);
            await CopyFaissAsync(uri, env, "ivfflat_full.index", $"collection: {prefix}keyed\nmode: overwrite\n", log);
            Assert.Equal(Expected("ivfflat_full.index"), await DigestOfAsync(uri, env, $"{prefix}keyed", log));
            output.WriteLine("modes skip and overwrite: digests equal");

            // Replace: a plain collection becomes an alias, then the alias is switched atomically.
            await CopyFaissAsync(uri, env, "idmap_flat_l2.index", $"collection: {prefix}live\n", log);
            var first = await CopyFaissAsync(uri, env, "ivfflat_full.index", $"collection: {prefix}live\nmode: replace\n", log, verify: VerifyLevel.Digest);
            Assert.Equal(Expected("ivfflat_full.index"), await DigestOfAsync(uri, env, $"{prefix}live", log));
            await Task.Delay(5);
            var second = await CopyFaissAsync(uri, env, "idmap_flat_l2.index", $"collection: {prefix}live\nmode: replace\n", log, verify: VerifyLevel.Digest);
            Assert.Equal("alias switched atomically", second.Properties["replace_switch"]);
            Assert.Equal(Expected("idmap_flat_l2.index"), await DigestOfAsync(uri, env, $"{prefix}live", log));
            output.WriteLine($"replace: {first.Properties["replace_switch"]}; then {second.Properties["replace_switch"]}");

            // M2M through the source: the verbatim schema of a collection with every kind of field.
            await client.CreateCollectionAsync(TestCollections.RichCollection($"{prefix}rich"), Ct);
            await client.InsertAsync(TestCollections.RichRows($"{prefix}rich", 50), Ct);
            await client.CreateIndexAsync(new CreateIndexRequest { CollectionName = $"{prefix}rich", FieldName = "emb", ExtraParams = { new Protos.Common.KeyValuePair { Key = "metric_type", Value = "IP" } } }, Ct);
            await using (var source = Jobs.Source(uri, $"collections: [{prefix}rich]\nper_partition: false\n", log, env))
            await using (var sink = Jobs.Sink(uri, $"collection: {prefix}rich_copy\n", log, env))
            {
                Assert.Equal(50, (await Jobs.CopyAsync(source, sink)).RowsWritten);
            }

            var (sourceRows, sourceDigest) = await CopiedRow.ReadAllAsync(uri, $"{prefix}rich", log, env);
            var (copiedRows, copiedDigest) = await CopiedRow.ReadAllAsync(uri, $"{prefix}rich_copy", log, env);
            Assert.Equal(sourceDigest, copiedDigest);
            Assert.Equal(sourceRows, copiedRows);
            var described = await client.DescribeCollectionAsync(new DescribeCollectionRequest { CollectionName = $"{prefix}rich_copy" }, Ct);
            Assert.True(described.Schema.EnableDynamicField);
            Assert.False(described.Schema.Fields.Single(f => f.IsPrimaryKey).AutoID);
            Assert.Contains(described.Schema.Fields, f => f.IsPartitionKey && f.Name == "tenant");
            output.WriteLine("M2M verbatim schema: rows and digest equal");
        }
        finally
        {
            await CleanUpAsync(client, prefix);
        }
    }

    private static string Expected(string fixture) => FaissExpected.Of(fixture).Digest;

    private static async Task<SinkDatasetResult> CopyFaissAsync(string uri, Dictionary<string, string> env, string fixture, string yaml, TestLog log,
        bool idless = false, VerifyLevel verify = VerifyLevel.Count)
    {
        await using var faiss = Jobs.Faiss(fixture, log);
        await using var sink = Jobs.Sink(uri, yaml, log, env);
        return await Jobs.CopyAsync(faiss, sink, idless ? schema => schema with { KeyType = null } : null, verify: verify);
    }

    private static async Task<DigestPair> ReadAsync(string uri, Dictionary<string, string> env, string collection, TestLog log)
    {
        await using var source = Jobs.Source(uri, $"collections: [{collection}]\nper_partition: false\n", log, env);
        return await Jobs.DigestAsync(source, (await source.ListDatasetsAsync(Ct)).Single());
    }

    private static async Task<string> DigestOfAsync(string uri, Dictionary<string, string> env, string collection, TestLog log) =>
        (await ReadAsync(uri, env, collection, log)).Digest.ToString();

    /// <summary>Drops the run's aliases first (a collection with an alias cannot be dropped), then its collections.</summary>
    private async Task CleanUpAsync(MilvusClient client, string prefix)
    {
        var shown = await client.ShowCollectionsAsync(new ShowCollectionsRequest(), Ct);
        var ours = shown.CollectionNames.Where(c => c.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        foreach (string collection in ours)
        {
            var described = await client.DescribeCollectionAsync(new DescribeCollectionRequest { CollectionName = collection }, Ct);
            foreach (string alias in described.Aliases)
            {
                await client.DropAliasAsync(new DropAliasRequest { Alias = alias }, Ct);
            }
        }

        foreach (string collection in ours)
        {
            await client.DropCollectionAsync(new DropCollectionRequest { CollectionName = collection }, Ct);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dropped {ours.Count} collections"));
    }
}
