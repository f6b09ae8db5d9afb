using System.Text.Json;
using MilvusDm.EndToEnd.Tests.Support;
using MilvusDm.Milvus.TestServer;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.EndToEnd.Tests.Compatibility;

/// <summary>The HDF5 export layout (M2H and every other export) and the re-import jobs written beside the files.</summary>
public sealed class Hdf5ExportLayoutTests
{
    [Fact]
    public async Task Export_Layout_IsCollectionFolderWithPartitionFiles_ReimportJobsBeside_AndOneManifest()
    {
        await using var job = new JobRun();
        MilvusTestServer server = await job.StartServerAsync();
        await job.SeedAsync(server, "idmap_flat_l2.index", "demo");
        await job.SeedAsync(server, "ivfflat_full.index", "demo", "p1");
        string output = job.Combine("out");

        await job.RunExampleAsync("milvus-to-hdf5.yaml", [$"source.uri={server.Uri}", $"sink.dir={output}"]);

        // Original: <data_dir>/<uuid>/demo/None.h5 and <data_dir>/<uuid>/yamls/demo/None.yaml, a new uuid per run.
        string[] written = [.. Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(output, f)).Order(StringComparer.Ordinal)];
        Assert.Equal(["demo/_default.h5", "demo/_default.yaml", "demo/p1.h5", "demo/p1.yaml", "manifest.json"], written);
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json")));
        Assert.Equal(["demo/_default.h5", "demo/p1.h5"], manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("file").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Export_ReimportJob_RunsUnchangedIntoMilvus_AndBringsBackTheSameRows()
    {
        await using var job = new JobRun();
        MilvusTestServer source = await job.StartServerAsync();
        MilvusTestServer destination = await job.StartServerAsync();
        await job.SeedAsync(source, "ivfflat_full.index", "demo", "p1");
        string output = job.Combine("out");
        await job.RunExampleAsync("milvus-to-hdf5.yaml", [$"source.uri={source.Uri}", $"sink.dir={output}", "source.collections=['demo/p1']"]);
        string reimport = Path.Combine(output, "demo", "p1.yaml");
        Assert.Contains("\nH2M:\n", File.ReadAllText(reimport), StringComparison.Ordinal);

        await ToolProcess.SucceedAsync(job.State, "run", reimport, "--state-dir", job.State, "--set", $"H2M.dest_port={destination.Uri.Port}");

        Inventory back = await job.InspectAsync(destination.Uri.ToString(), "--collection", "demo");
        JobRun.AssertHolds(Fixtures.Expected("ivfflat_full.index"), back);
        Assert.Contains("demo/p1", back.Datasets); // beside the default partition every Milvus collection has
    }
}
