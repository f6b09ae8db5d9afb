using System.Text.Json;
using MilvusDm.EndToEnd.Tests.Support;
using MilvusDm.Milvus.TestServer;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.EndToEnd.Tests.Examples;

/// <summary>
/// Every file in yamls/ runs as shipped (pointed at fixtures, temporary folders and test servers with <c>run --set</c>)
/// and the destination, read back by <c>milvusdm inspect</c>, holds the rows and digest the fixture script recorded.
/// A file without a case here fails, so an example cannot be added untested or stop working unnoticed.
/// </summary>
public sealed class ExampleJobTests
{
    private static readonly Dictionary<string, Func<JobRun, Task>> Cases = new(StringComparer.Ordinal)
    {
        ["quickstart.yaml"] = QuickstartAsync,
        ["F2M.yaml"] = OriginalF2MAsync,
        ["H2M.yaml"] = OriginalH2MAsync,
        ["faiss-to-discard.yaml"] = FaissToDiscardAsync,
        ["faiss-to-hdf5.yaml"] = FaissToHdf5Async,
        ["faiss-to-milvus.yaml"] = FaissToMilvusAsync,
        ["hdf5-to-hdf5.yaml"] = Hdf5ToHdf5Async,
        ["hdf5-to-milvus.yaml"] = Hdf5ToMilvusAsync,
        ["milvus-to-milvus.yaml"] = MilvusToMilvusAsync,
        ["milvus-to-hdf5.yaml"] = MilvusToHdf5Async,
    };

    /// <summary>Examples whose source plugin is not in this repository yet, with the reason; each has a skipped row below.</summary>
    private static readonly Dictionary<string, string> Pending = new(StringComparer.Ordinal)
    {
        ["M2M.yaml"] = PendingLegacy,
        ["M2H.yaml"] = PendingLegacy,
    };

    private const string PendingLegacy = "needs the milvus-legacy source plugin (src/Plugins/MilvusLegacy), not merged yet";

    public static TheoryData<string> ExampleFiles => [.. Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "yamls"))
        .Select(Path.GetFileName).OfType<string>().Where(f => !Pending.ContainsKey(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public async Task Example_RunsAsShipped_AndTheDestinationHoldsTheSourceDigest(string file)
    {
        Assert.True(Cases.TryGetValue(file, out Func<JobRun, Task>? run), $"yamls/{file} has no test case: add one to {nameof(ExampleJobTests)}.{nameof(Cases)}");
        using var job = new JobRun();
        await run(job);
    }

    [Theory(Skip = PendingLegacy)]
    [InlineData("M2M.yaml")]
    [InlineData("M2H.yaml")]
    public Task Example_WaitingForItsPlugin_RunsAsShipped(string file) => Example_RunsAsShipped_AndTheDestinationHoldsTheSourceDigest(file);

    [Fact]
    public void EveryCase_HasItsFile_AndEveryFile_IsCoveredOrPending()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "yamls")).Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Assert.All(Cases.Keys.Concat(Pending.Keys), name => Assert.True(files.Contains(name), $"case {name} has no file in yamls/"));
        Assert.All(files, name => Assert.True(Cases.ContainsKey(name) || Pending.ContainsKey(name), $"yamls/{name} has no test case"));
        Assert.All(files, name => Assert.EndsWith(".yaml", name, StringComparison.Ordinal));
    }

    private static async Task QuickstartAsync(JobRun job)
    {
        string output = job.Combine("out");
        await job.RunExampleAsync("quickstart.yaml", $"sink.dir={output}");
        using JsonDocument sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", "quickstart.json")));
        var expected = new Inventory(sample.RootElement.GetProperty("rows").GetInt64(), sample.RootElement.GetProperty("digest").GetString()!, sample.RootElement.GetProperty("vectors_digest").GetString()!, []);
        JobRun.AssertHolds(expected, await job.InspectAsync(Path.Combine(output, "quickstart", "_default.h5")));
    }

    private static async Task OriginalF2MAsync(JobRun job)
    {
        await using var server = await MilvusTestServer.StartAsync();
        const string Fixture = "ivfflat_full.index";
        await job.RunExampleAsync("F2M.yaml", $"F2M.data_path={Fixtures.Faiss(Fixture)}", $"F2M.dest_port={server.Uri.Port}", "F2M.collection_parameter.dimension=8");
        Inventory destination = await job.InspectAsync(server.Uri.ToString(), "--collection", "test");
        JobRun.AssertHolds(Fixtures.Expected(Fixture), destination);
        Assert.Equal(["test/_default"], destination.Datasets);
    }

    private static async Task OriginalH2MAsync(JobRun job)
    {
        await using var server = await MilvusTestServer.StartAsync();
        // One file with ids, one without (its rows get keys 0..n-1): the fixtures' ids overlap, and Milvus keeps duplicates.
        string[] fixtures = ["latest_contiguous.h5", "ann_euclidean.h5"];
        await job.RunExampleAsync("H2M.yaml", $"H2M.data_path=['{Fixtures.Hdf5(fixtures[0])}', '{Fixtures.Hdf5(fixtures[1])}']", $"H2M.dest_port={server.Uri.Port}", "H2M.collection_parameter.dimension=8");
        Inventory destination = await job.InspectAsync(server.Uri.ToString(), "--collection", "test_float");
        JobRun.AssertHolds(Fixtures.Expected(fixtures), destination);
        Assert.Contains("test_float/partition_1", destination.Datasets);
    }

    private static async Task FaissToDiscardAsync(JobRun job)
    {
        const string Fixture = "idmap_ivfflat.index";
        var result = await job.RunExampleAsync("faiss-to-discard.yaml", $"source.path={Fixtures.Faiss(Fixture)}");
        long rows = Fixtures.Expected(Fixture).Rows;
        Assert.Contains($"{Fixture} -> discard: {rows} rows read, {rows} written, count check passed", result.Output, StringComparison.Ordinal);
    }

    private static async Task FaissToHdf5Async(JobRun job)
    {
        const string Fixture = "bin_idmap.index";
        string output = job.Combine("out");
        await job.RunExampleAsync("faiss-to-hdf5.yaml", $"source.path={Fixtures.Faiss(Fixture)}", $"sink.dir={output}");
        JobRun.AssertHolds(Fixtures.Expected(Fixture), await job.InspectAsync(Path.Combine(output, "bin_idmap", "_default.h5")));
        Assert.True(File.Exists(Path.Combine(output, "manifest.json")));
    }

    private static async Task FaissToMilvusAsync(JobRun job)
    {
        await using var server = await MilvusTestServer.StartAsync();
        const string Fixture = "flat_l2.index"; // no ids: keys 0..n-1, so even the keyed digest matches
        await job.RunExampleAsync("faiss-to-milvus.yaml", $"source.path={Fixtures.Faiss(Fixture)}", $"sink.uri={server.Uri}");
        JobRun.AssertHolds(Fixtures.Expected(Fixture), await job.InspectAsync(server.Uri.ToString(), "--collection", "vectors"));
    }

    private static async Task Hdf5ToHdf5Async(JobRun job)
    {
        string[] fixtures = ["big_endian.h5", "float64_chunked.h5"];
        string input = job.Combine("in");
        Directory.CreateDirectory(input);
        foreach (string fixture in fixtures)
        {
            File.Copy(Fixtures.Hdf5(fixture), Path.Combine(input, fixture));
        }

        string output = job.Combine("out");
        await job.RunExampleAsync("hdf5-to-hdf5.yaml", $"source.dir={input}", $"sink.dir={output}");
        Inventory written = await job.InspectFilesAsync([.. fixtures.Select(f => Path.Combine(output, Path.GetFileNameWithoutExtension(f), "_default.h5"))]);
        JobRun.AssertHolds(Fixtures.Expected(fixtures), written);
    }

    private static async Task Hdf5ToMilvusAsync(JobRun job)
    {
        await using var server = await MilvusTestServer.StartAsync();
        string[] fixtures = ["latest_btree2.h5", "ann_angular.h5"];
        await job.RunExampleAsync("hdf5-to-milvus.yaml", $"source.paths=['{Fixtures.Hdf5(fixtures[0])}', '{Fixtures.Hdf5(fixtures[1])}']", $"sink.uri={server.Uri}");
        JobRun.AssertHolds(Fixtures.Expected(fixtures), await job.InspectAsync(server.Uri.ToString(), "--collection", "articles"));
    }

    private static async Task MilvusToMilvusAsync(JobRun job)
    {
        await using var source = await MilvusTestServer.StartAsync();
        await using var destination = await MilvusTestServer.StartAsync();
        await job.SeedAsync(source, "idmap_flat_l2.index", "demo");
        await job.SeedAsync(source, "ivfflat_full.index", "demo", "p1");
        await job.RunExampleAsync("milvus-to-milvus.yaml", $"source.uri={source.Uri}", $"sink.uri={destination.Uri}");
        Inventory copied = await job.InspectAsync(destination.Uri.ToString(), "--collection", "demo");
        JobRun.AssertHolds(Fixtures.Expected("idmap_flat_l2.index", "ivfflat_full.index"), copied);
        Assert.Equal(["demo/_default", "demo/p1"], copied.Datasets.Order(StringComparer.Ordinal));
    }

    private static async Task MilvusToHdf5Async(JobRun job)
    {
        await using var server = await MilvusTestServer.StartAsync();
        await job.SeedAsync(server, "bin_idmap.index", "demo");
        await job.SeedAsync(server, "bin_ivf.index", "demo", "p1");
        string output = job.Combine("out");
        await job.RunExampleAsync("milvus-to-hdf5.yaml", $"source.uri={server.Uri}", $"sink.dir={output}");
        Inventory written = await job.InspectFilesAsync(Path.Combine(output, "demo", "_default.h5"), Path.Combine(output, "demo", "p1.h5"));
        JobRun.AssertHolds(Fixtures.Expected("bin_idmap.index", "bin_ivf.index"), written);
    }
}
