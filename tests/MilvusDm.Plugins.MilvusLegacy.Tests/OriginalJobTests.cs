using System.Text.Json;
using MilvusDm.Milvus.TestServer;
using MilvusDm.Plugins.MilvusLegacy.Tests.Infrastructure;
using MilvusDm.Plugins.MilvusLegacy.Tests.Support;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Plugins.MilvusLegacy.Tests;

/// <summary>
/// Original MilvusDM M2H and M2M job files, with their original keys, run by the built tool: the HDF5 files and the
/// Milvus collections they produce hold exactly the builder's rows (read back by <c>milvusdm inspect</c>).
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class OriginalJobTests(MariaDbFixture mariaDb)
{
    [Fact]
    public async Task M2H_EveryCollection_WritesOneFilePerPartitionHoldingItsRows()
    {
        using var storage = new StorageCopy();
        string output = Path.Combine(storage.Root, "out");
        string job = Write(storage, "m2h.yaml", $"""
            M2H:
              milvus_version: 1.1.1
              source_milvus_path: '{storage.Storage}'
              mysql_parameter:
              source_collection:
                bin_coll:
                float_coll: []
                ip_coll:
              secondary_paths: ['{storage.Secondary}']
              data_dir: '{output}'
            """);

        ProcessResult run = await Cli.SucceedAsync(storage.Root, null, "--yaml", job);

        Assert.DoesNotContain("unknown key", run.Error, StringComparison.Ordinal);
        foreach (TruthDataset truth in Truth.Datasets)
        {
            string file = Path.Combine(output, truth.Collection, truth.Partition + ".h5");
            var written = await Cli.InspectAsync(storage.Root, null, file);
            Cli.AssertHolds(truth, Assert.Single(written.Values));
        }

        Assert.True(File.Exists(Path.Combine(output, "manifest.json")));
    }

    [Fact]
    public async Task M2H_MySqlMeta_ExplicitPartitions_WritesExactlyThose()
    {
        using var storage = new StorageCopy();
        using MySqlTestDatabase database = mariaDb.CreateLegacyMetaDatabase();
        string output = Path.Combine(storage.Root, "out");
        string job = Write(storage, "m2h.yaml", $"""
            M2H:
              milvus_version: 0.10.6
              source_milvus_path: '{storage.Storage}'
              mysql_parameter:
                host: '{database.Endpoint.Host}'
                user: '{database.Endpoint.User}'
                port: {database.Endpoint.Port}
                password: '{database.Endpoint.Password}'
                database: '{database.Name}'
              source_collection:
                float_coll:
                  - 'tag_a'
                  - ''
              secondary_paths: ['{storage.Secondary}']
              data_dir: '{output}'
            """);

        ProcessResult run = await Cli.SucceedAsync(storage.Root, null, "--yaml", job);

        Assert.DoesNotContain(database.Endpoint.Password, run.Output + run.Error, StringComparison.Ordinal);
        Assert.Equal(["_default.h5", "tag_a.h5"], Directory.EnumerateFiles(Path.Combine(output, "float_coll"), "*.h5").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (string name in new[] { "float_coll/_default", "float_coll/tag_a" })
        {
            var written = await Cli.InspectAsync(storage.Root, null, Path.Combine(output, name + ".h5"));
            Cli.AssertHolds(Truth.Get(name), Assert.Single(written.Values));
        }
    }

    [Fact]
    public async Task M2M_EveryCollection_IntoMilvus_KeepsNamesIdsAndVectors()
    {
        using var storage = new StorageCopy();
        await using MilvusTestServer server = await MilvusTestServer.StartAsync();
        string job = Write(storage, "m2m.yaml", $"""
            M2M:
              milvus_version: 1.1.1
              source_milvus_path: '{storage.Storage}'
              mysql_parameter:
              source_collection:
                '*':
              secondary_paths: ['{storage.Secondary}']
              dest_host: '127.0.0.1'
              dest_port: {server.Uri.Port}
              mode: 'skip'
            """);

        await Cli.SucceedAsync(storage.Root, null, "--yaml", job);

        var destination = await Cli.InspectAsync(storage.Root, null, server.Uri.ToString());
        foreach (TruthDataset truth in Truth.Datasets)
        {
            // Partition tags that Milvus 2.x refuses are mapped by the contract's name rules ("tag-1 x" -> "tag_1_x").
            string name = $"{truth.Collection}/{truth.Partition.Replace('-', '_').Replace(' ', '_')}";
            Assert.True(destination.TryGetValue(name, out JsonElement dataset), $"{name} not in {string.Join(", ", destination.Keys)}");
            Cli.AssertHolds(truth, dataset);
            Assert.Equal(truth.Metric, dataset.GetProperty("metric").GetString());
            Assert.Equal(truth.Dim, dataset.GetProperty("dim").GetInt32());
        }
    }

    [Fact]
    public async Task ShippedM2HAndM2MFiles_RunUnchanged_WithSetOverrides()
    {
        using var storage = new StorageCopy();
        using MySqlTestDatabase database = mariaDb.CreateLegacyMetaDatabase();
        await using MilvusTestServer server = await MilvusTestServer.StartAsync();
        var env = new Dictionary<string, string?> { ["MYSQL_PASSWORD"] = database.Endpoint.Password };
        string output = Path.Combine(storage.Root, "out");
        string[] source(string task) =>
        [
            "--set", $"{task}.source_milvus_path={storage.Storage}",
            "--set", $"{task}.secondary_paths=['{storage.Secondary}']",
            "--set", $"{task}.mysql_parameter.host={database.Endpoint.Host}",
            "--set", $"{task}.mysql_parameter.port={database.Endpoint.Port}",
            "--set", $"{task}.mysql_parameter.user={database.Endpoint.User}",
            "--set", $"{task}.mysql_parameter.password=null",
            "--set", $"{task}.mysql_parameter.database={database.Name}",
            "--set", $"{task}.source_collection={{float_coll: [tag_a, empty_part], ip_coll: ['tag-1 x']}}",
        ];

        await Cli.SucceedAsync(storage.Root, env, ["run", Path.Combine(RepoPaths.Root, "yamls", "M2H.yaml"), .. source("M2H"), "--set", $"M2H.data_dir={output}"]);
        await Cli.SucceedAsync(storage.Root, env, ["run", Path.Combine(RepoPaths.Root, "yamls", "M2M.yaml"), .. source("M2M"), "--set", $"M2M.dest_port={server.Uri.Port}"]);

        var inMilvus = await Cli.InspectAsync(storage.Root, null, server.Uri.ToString());
        foreach ((string name, string milvusName) in new[] { ("float_coll/tag_a", "float_coll/tag_a"), ("ip_coll/tag-1 x", "ip_coll/tag_1_x") })
        {
            var file = await Cli.InspectAsync(storage.Root, null, Path.Combine(output, name + ".h5"));
            Cli.AssertHolds(Truth.Get(name), Assert.Single(file.Values));
            Cli.AssertHolds(Truth.Get(name), inMilvus[milvusName]);
        }

        Assert.Equal(0, (await Cli.InspectAsync(storage.Root, null, Path.Combine(output, "float_coll", "empty_part.h5"))).Values.Single().GetProperty("rows").GetInt64());
        Assert.DoesNotContain(inMilvus.Keys, k => k.StartsWith("bin_coll/", StringComparison.Ordinal));
    }

    private static string Write(StorageCopy storage, string name, string yaml)
    {
        string path = Path.Combine(storage.Root, name);
        File.WriteAllText(path, yaml + "\n");
        return path;
    }
}
