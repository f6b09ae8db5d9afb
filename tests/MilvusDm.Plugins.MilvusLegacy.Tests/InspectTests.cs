using System.Text.Json;
using MilvusDm.Plugins.MilvusLegacy.Tests.Infrastructure;
using MilvusDm.Plugins.MilvusLegacy.Tests.Support;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Plugins.MilvusLegacy.Tests;

/// <summary><c>milvusdm inspect &lt;storage folder&gt; --json</c> through the built tool: one dataset per partition, as the contract fixes it.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class InspectTests(MariaDbFixture mariaDb)
{
    [Fact]
    public async Task Inspect_StorageFolder_ListsEveryPartitionWithTheBuildersRowsAndDigests()
    {
        using var storage = new StorageCopy();

        ProcessResult result = await Cli.SucceedAsync(storage.Root, null, "inspect", storage.Storage, "--json", "--secondary-path", storage.Secondary);

        using JsonDocument json = JsonDocument.Parse(result.Output);
        Assert.Equal("milvus-legacy", json.RootElement.GetProperty("format").GetString());
        Assert.Equal(storage.Storage, json.RootElement.GetProperty("source").GetString());
        JsonElement[] datasets = [.. json.RootElement.GetProperty("datasets").EnumerateArray()];
        Assert.Equal(Truth.Datasets.Select(d => d.Name), datasets.Select(d => d.GetProperty("name").GetString()));
        foreach ((TruthDataset truth, JsonElement dataset) in Truth.Datasets.Zip(datasets))
        {
            Assert.Equal(truth.Collection, dataset.GetProperty("collection").GetString());
            Assert.Equal(truth.Partition, dataset.GetProperty("partition").GetString());
            Assert.Equal(truth.Dim, dataset.GetProperty("dim").GetInt32());
            Assert.Equal(truth.VectorType, dataset.GetProperty("vector_type").GetString());
            Assert.Equal(truth.Metric, dataset.GetProperty("metric").GetString());
            Assert.True(dataset.GetProperty("has_ids").GetBoolean());
            Cli.AssertHolds(truth, dataset);
        }

        Assert.Contains("meta says 24 rows but the files hold 23", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_MySqlMeta_PasswordFromTheEnvironment_GivesTheSameDigests()
    {
        using var storage = new StorageCopy();
        using MySqlTestDatabase database = mariaDb.CreateLegacyMetaDatabase();
        File.Delete(storage.MetaFile); // the folder's tables only; the meta comes from MariaDB
        var env = new Dictionary<string, string?> { ["MYSQL_PASSWORD"] = database.Endpoint.Password };
        string uri = $"mysql://{database.Endpoint.User}@{database.Endpoint.Host}:{database.Endpoint.Port}/{database.Name}";

        ProcessResult result = await Cli.SucceedAsync(storage.Root, env, "inspect", storage.Storage, "--json", "--mysql", uri, "--secondary-path", storage.Secondary);

        using JsonDocument json = JsonDocument.Parse(result.Output);
        var datasets = json.RootElement.GetProperty("datasets").EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!);
        Assert.Equal(Truth.Datasets.Select(d => d.Name), datasets.Keys);
        Assert.All(Truth.Datasets, truth => Cli.AssertHolds(truth, datasets[truth.Name]));
        Assert.DoesNotContain(database.Endpoint.Password, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_TheDbFolderItself_AndOneCollection()
    {
        using var storage = new StorageCopy();

        var datasets = await Cli.InspectAsync(storage.Root, null, Path.Combine(storage.Storage, "db"), "--collection", "ip_coll");

        Assert.Equal(["ip_coll/_default", "ip_coll/tag-1 x"], datasets.Keys);
        Assert.All(datasets, d => Cli.AssertHolds(Truth.Get(d.Key), d.Value));
    }

    [Fact]
    public async Task Inspect_CorruptSegment_Exits3WithOneLineNamingTheFile()
    {
        using var storage = new StorageCopy();
        string uid = storage.Resolve("storage/db/tables/bin_coll/1678362316133217000/1678362316133217000.uid");
        File.Delete(uid);

        ProcessResult result = await Cli.RunAsync(storage.Root, null, "inspect", storage.Storage, "--json", "--secondary-path", storage.Secondary);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("", result.Output);
        string error = Assert.Single(result.Error.Trim().Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Equal($"error: {uid}: missing (ids file of the segment)", error);
    }

    [Fact]
    public async Task Inspect_WithoutTheSecondaryPath_Exits3NamingTheMissingSegmentFolder()
    {
        using var storage = new StorageCopy();

        ProcessResult result = await Cli.RunAsync(storage.Root, null, "inspect", storage.Storage);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{storage.Resolve("storage/db/tables/float_coll/1678358266133038000")}: segment folder missing", result.Error, StringComparison.Ordinal);
        Assert.Contains("--secondary-path", result.Error, StringComparison.Ordinal);
    }
}
