using System.Text.Json;
using MilvusDm.Abstractions;
using MilvusDm.Milvus.TestServer;
using MilvusDm.Plugins.Milvus.Tests.Support;

namespace MilvusDm.Plugins.Milvus.Tests;

/// <summary>
/// The "done when", through the built tool as users run it: H2M with and without ids, float and binary, in
/// every mode; Milvus to HDF5 and Milvus to Milvus through the source; faults injected into the server. Each
/// destination is read back and its digest compared with the one the fixture scripts computed with h5py or Faiss.
/// </summary>
public sealed class CliEndToEndTests
{
    [Theory]
    [InlineData("h2m_float_ids.h5", "h2m_float_noids.h5")]
    [InlineData("h2m_float_noids.h5", "h2m_float_ids.h5")]
    [InlineData("h2m_binary_ids.h5", "h2m_binary_noids.h5")]
    [InlineData("h2m_binary_noids.h5", "h2m_binary_ids.h5")]
    public async Task H2m_in_every_mode_holds_exactly_what_the_mode_promises(string first, string second)
    {
        // The two files share type and dim and have disjoint keys (sparse random ids; ordinals 0..n-1).
        await using var server = await MilvusTestServer.StartAsync();
        using var cli = new CliRun();
        string Job(string fixture, string mode) =>
            $"source: {{plugin: hdf5, paths: ['{MilvusFixtures.Path(fixture)}']}}\n"
            + $"sink: {{plugin: milvus, uri: '{server.Uri}', collection: h2m, mode: {mode}}}\nverify: digest\n";

        var created = Dataset(await cli.SucceedAsync(Job(first, "skip")));
        Assert.Equal(("passed", MilvusFixtures.Rows(first)), (created.GetProperty("verification").GetString(), created.GetProperty("rows_written").GetInt64()));
        await AssertHoldsAsync(server, "h2m", first);

        var skipped = Dataset(await cli.SucceedAsync(Job(second, "skip")));
        Assert.True(skipped.GetProperty("skipped").GetBoolean());
        await AssertHoldsAsync(server, "h2m", first);

        Assert.Equal("passed", Dataset(await cli.SucceedAsync(Job(second, "append"))).GetProperty("verification").GetString());
        await AssertHoldsAsync(server, "h2m", first, second);

        Assert.Equal("passed", Dataset(await cli.SucceedAsync(Job(second, "overwrite"))).GetProperty("verification").GetString());
        await AssertHoldsAsync(server, "h2m", second);
        Assert.Equal(0, server.Milvus.FindCollection("h2m")!.DuplicateRows);
    }

    [Fact]
    public async Task H2m_with_ids_auto_lets_the_server_assign_keys_and_keeps_the_vectors()
    {
        const string Fixture = "h2m_float_noids.h5";
        await using var server = await MilvusTestServer.StartAsync();
        using var cli = new CliRun();
        await cli.SucceedAsync($"source: {{plugin: hdf5, paths: ['{MilvusFixtures.Path(Fixture)}']}}\n"
            + $"sink: {{plugin: milvus, uri: '{server.Uri}', collection: auto}}\nids: auto\nverify: digest\n");
        Assert.True(server.Milvus.FindCollection("auto")!.PrimaryField.AutoID);
        var stored = await ReadBackAsync(server, "auto");
        Assert.Equal(MilvusFixtures.Rows(Fixture), stored.Rows);
        Assert.Equal(Hex(Fixture, "vectors_digest"), stored.VectorsDigest);
    }

    [Theory]
    [InlineData(FaultKind.Unavailable)]
    [InlineData(FaultKind.RateLimited)]
    [InlineData(FaultKind.StoreThenFail)]
    [InlineData(FaultKind.StoreThenDrop)]
    [InlineData(FaultKind.DropConnection)]
    public async Task H2m_under_injected_faults_ends_with_the_source_digest_and_no_duplicates(FaultKind kind)
    {
        const string Fixture = "h2m_float_noids.h5"; // client-assigned ordinal keys make re-sends idempotent
        var faults = new FaultPlan(0.3, [kind], seed: 7) { MaxFaults = 25 };
        await using var server = await MilvusTestServer.StartAsync(new MilvusTestServerOptions { Faults = faults });
        using var cli = new CliRun();
        var report = await cli.SucceedAsync($"source: {{plugin: hdf5, paths: ['{MilvusFixtures.Path(Fixture)}']}}\n"
            + $"sink: {{plugin: milvus, uri: '{server.Uri}', collection: f, batch_bytes: 2048, in_flight: 4}}\n"
            + "verify: digest\nbatch: {bytes: 1024}\n");
        Assert.True(faults.Injected > 0);
        Assert.Equal("passed", Dataset(report).GetProperty("verification").GetString());
        Assert.Equal(0, server.Milvus.FindCollection("f")!.DuplicateRows);
        await AssertHoldsAsync(server, "f", Fixture);
    }

    [Fact]
    public async Task M2h_writes_one_file_per_partition_holding_the_source_digest()
    {
        await using var server = await MilvusTestServer.StartAsync();
        await SeedAsync(server, "idmap_flat_l2.index", "faissdata", "p1");
        await SeedAsync(server, "bin_idmap.index", "bits");
        using var cli = new CliRun();
        string dir = cli.Combine("export");
        var report = await cli.SucceedAsync($"source: {{plugin: milvus, uri: '{server.Uri}', collections: [faissdata, bits]}}\n"
            + $"sink: {{plugin: hdf5, dir: '{dir}'}}\nverify: digest\n");
        Assert.All(report.GetProperty("datasets").EnumerateArray(), d => Assert.Equal("passed", d.GetProperty("verification").GetString()));

        var partition = await cli.ToolAsync("inspect", Path.Combine(dir, "faissdata", "p1.h5"), "--json");
        Assert.True(partition.ExitCode == 0, partition.ToString());
        var inspected = JsonDocument.Parse(partition.Output).RootElement.GetProperty("datasets").EnumerateArray().Single();
        Assert.Equal(FaissExpected.Of("idmap_flat_l2.index").Digest, inspected.GetProperty("digest").GetString());
        var binary = JsonDocument.Parse((await cli.ToolAsync("inspect", Path.Combine(dir, "bits", "_default.h5"), "--json")).Output)
            .RootElement.GetProperty("datasets").EnumerateArray().Single();
        Assert.Equal(("binary", FaissExpected.Of("bin_idmap.index").Digest), (binary.GetProperty("vector_type").GetString(), binary.GetProperty("digest").GetString()));
    }

    [Fact]
    public async Task M2m_between_servers_holds_the_source_digest_and_verify_agrees_later()
    {
        await using var from = await MilvusTestServer.StartAsync();
        await using var to = await MilvusTestServer.StartAsync();
        await SeedAsync(from, "ivfflat_full.index", "faissdata", "p7");
        using var cli = new CliRun();
        string job = $"source: {{plugin: milvus, uri: '{from.Uri}', collections: [faissdata]}}\n"
            + $"sink: {{plugin: milvus, uri: '{to.Uri}', collection: copied}}\nverify: digest\n";
        var report = await cli.SucceedAsync(job);
        Assert.Equal(2, report.GetProperty("datasets").GetArrayLength()); // _default (empty) and p7, each into its partition
        var expected = FaissExpected.Of("ivfflat_full.index");
        await AssertHoldsAsync(to, "copied", expected.Rows, ContentDigest.Parse(expected.Digest), ContentDigest.Parse(expected.VectorsDigest));
        Assert.Contains("p7", to.Milvus.FindCollection("copied")!.Partitions.Keys);

        string file = cli.Combine("m2m.yaml");
        await File.WriteAllTextAsync(file, job);
        var verify = await cli.ToolAsync("verify", file);
        Assert.True(verify.ExitCode == 0, verify.ToString());
    }

    [Fact]
    public async Task M2m_of_a_partition_key_collection_with_a_dynamic_field_passes_verify_digest()
    {
        await using var from = await MilvusTestServer.StartAsync();
        await using var to = await MilvusTestServer.StartAsync();
        using (var client = TestServerFixture.Client(from))
        {
            await client.CreateCollectionAsync(TestCollections.RichCollection("rich"), CancellationToken.None);
            await client.InsertAsync(TestCollections.RichRows("rich", 40), CancellationToken.None);
            await client.CreateIndexAsync(new Protos.Milvus.CreateIndexRequest { CollectionName = "rich", FieldName = "emb" }, CancellationToken.None);
        }

        using var cli = new CliRun();
        var report = await cli.SucceedAsync($"source: {{plugin: milvus, uri: '{from.Uri}', collections: [rich]}}\n"
            + $"sink: {{plugin: milvus, uri: '{to.Uri}'}}\nverify: digest\n");
        var dataset = Dataset(report); // a partition-key collection is one dataset, its partitions follow the key
        Assert.Equal(("rich", 40L, "passed"), (dataset.GetProperty("name").GetString(), dataset.GetProperty("rows_written").GetInt64(), dataset.GetProperty("verification").GetString()));
        var (sourceRows, sourceDigest) = await CopiedRow.ReadAllAsync(from.Uri.ToString(), "rich", new TestLog());
        var (copiedRows, copiedDigest) = await CopiedRow.ReadAllAsync(to.Uri.ToString(), "rich", new TestLog());
        Assert.Equal(sourceDigest, copiedDigest);
        Assert.Equal(sourceRows, copiedRows);
    }

    [Fact]
    public async Task M2h_of_a_varchar_key_collection_is_refused_with_exit_4_before_any_file()
    {
        await using var server = await MilvusTestServer.StartAsync();
        using (var client = TestServerFixture.Client(server))
        {
            var schema = new Protos.Schema.CollectionSchema
            {
                Name = "named",
                Fields =
                {
                    new Protos.Schema.FieldSchema { Name = "name", DataType = Protos.Schema.DataType.VarChar, IsPrimaryKey = true, TypeParams = { new Protos.Common.KeyValuePair { Key = "max_length", Value = "16" } } },
                    new Protos.Schema.FieldSchema { Name = "v", DataType = Protos.Schema.DataType.FloatVector, TypeParams = { new Protos.Common.KeyValuePair { Key = "dim", Value = "2" } } },
                },
            };
            await client.CreateCollectionAsync(new Protos.Milvus.CreateCollectionRequest { CollectionName = "named", Schema = Google.Protobuf.MessageExtensions.ToByteString(schema) }, CancellationToken.None);
            await client.CreateIndexAsync(new Protos.Milvus.CreateIndexRequest { CollectionName = "named", FieldName = "v" }, CancellationToken.None);
        }

        using var cli = new CliRun();
        string dir = cli.Combine("export");
        var (result, _) = await cli.RunJobAsync($"source: {{plugin: milvus, uri: '{server.Uri}', collections: [named], per_partition: false}}\n"
            + $"sink: {{plugin: hdf5, dir: '{dir}'}}\n");
        Assert.Equal(4, result.ExitCode);
        string error = Assert.Single(result.Error.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("VarChar primary keys", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir) && Directory.EnumerateFiles(dir, "*.h5*", SearchOption.AllDirectories).Any());
    }

    /// <summary>Writes a Faiss fixture into a collection (and partition) of the server, loaded.</summary>
    private static async Task SeedAsync(MilvusTestServer server, string fixture, string collection, string? partition = null)
    {
        var log = new TestLog();
        await using var faiss = Jobs.Faiss(fixture, log);
        await using var sink = Jobs.Sink(server, $"collection: {collection}\nload: true\n" + (partition is null ? "" : $"partition: {partition}\n"), log);
        await Jobs.CopyAsync(faiss, sink);
    }

    private static JsonElement Dataset(JsonElement report) => report.GetProperty("datasets").EnumerateArray().Single();

    private static ContentDigest Hex(string fixture, string property) => ContentDigest.Parse(MilvusFixtures.Text(fixture, property));

    private static async Task<DigestPair> ReadBackAsync(MilvusTestServer server, string collection)
    {
        await using var source = Jobs.Source(server, $"collections: [{collection}]\nper_partition: false\n", new TestLog());
        return await Jobs.DigestAsync(source, (await source.ListDatasetsAsync(CancellationToken.None)).Single());
    }

    /// <summary>The collection holds exactly the rows of the fixtures (id-less ones keyed by their ordinals).</summary>
    private static Task AssertHoldsAsync(MilvusTestServer server, string collection, params string[] fixtures) =>
        AssertHoldsAsync(server, collection, fixtures.Sum(MilvusFixtures.Rows),
            fixtures.Aggregate(ContentDigest.Empty, (d, f) => d + Hex(f, "digest")),
            fixtures.Aggregate(ContentDigest.Empty, (d, f) => d + Hex(f, "vectors_digest")));

    private static async Task AssertHoldsAsync(MilvusTestServer server, string collection, long rows, ContentDigest digest, ContentDigest vectors)
    {
        var stored = await ReadBackAsync(server, collection);
        Assert.Equal(rows, stored.Rows);
        Assert.Equal(digest, stored.Digest);
        Assert.Equal(vectors, stored.VectorsDigest);
    }
}
