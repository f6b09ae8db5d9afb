using MilvusDm.EndToEnd.Tests.Support;
using MilvusDm.Milvus.TestServer;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.EndToEnd.Tests.Compatibility;

/// <summary>
/// What the shipped F2M/H2M files do against the Milvus test server, where the original tool was right (same) and
/// where it lost or mangled data (fixed) or behaved otherwise (changed); each test is a row of docs/compatibility.md.
/// </summary>
public sealed class OriginalTaskBehaviourTests
{
    [Theory]
    [InlineData("flat_l2.index")]     // no ids in the file: Faiss's implicit ids 0..n-1, as the original
    [InlineData("ivfflat_full.index")] // ids stored in the inverted lists
    public async Task F2M_KeepsFaissIds(string fixture)
    {
        await using var job = new JobRun();
        MilvusTestServer server = await job.StartServerAsync();

        await job.RunExampleAsync("F2M.yaml", F2M(server, fixture));

        // The digest hashes each row's id with its vector: equal digests mean the same ids for the same vectors.
        JobRun.AssertHolds(Fixtures.Expected(fixture), await job.InspectAsync(server.Uri.ToString(), "--collection", "test"));
    }

    [Fact]
    public async Task F2M_DimensionContradictingTheIndex_Exits2BeforeCreatingAnything()
    {
        await using var job = new JobRun();
        MilvusTestServer server = await job.StartServerAsync();

        // The shipped file says dimension 256; the index has 8. The original created the collection and failed on insert.
        ProcessResult result = await ToolProcess.RunAsync(job.State, "run", "yamls/F2M.yaml", "--state-dir", job.State,
            "--set", $"F2M.data_path={Fixtures.Faiss("flat_l2.index")}", "--set", $"F2M.dest_port={server.Uri.Port}");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("256", result.Error, StringComparison.Ordinal);
        Assert.Null(server.Milvus.FindCollection("test"));
    }

    [Fact]
    public async Task F2M_FlushesIndexesAndChecksTheCount()
    {
        await using var job = new JobRun();
        MilvusTestServer server = await job.StartServerAsync();

        ProcessResult result = await job.RunExampleAsync("F2M.yaml", F2M(server, "ivfflat_full.index"));

        Assert.Contains("count check passed", result.Output, StringComparison.Ordinal);
        Assert.True(server.Milvus.CallCounts.GetValueOrDefault("Flush") > 0, "no Flush call");
        Assert.NotEmpty(server.Milvus.FindCollection("test")!.Indexes);
    }

    [Fact]
    public async Task H2M_Overwrite_DropsOnce_ThenEveryFileIsKept()
    {
        await using var job = new JobRun();
        MilvusTestServer server = await job.StartServerAsync();
        await job.RunExampleAsync("H2M.yaml", H2M(server, "latest_single_chunk.h5")); // rows that the next run must drop
        string[] files = ["latest_contiguous.h5", "ann_euclidean.h5"];

        await job.RunExampleAsync("H2M.yaml", H2M(server, files));

        JobRun.AssertHolds(Fixtures.Expected(files), await job.InspectAsync(server.Uri.ToString(), "--collection", "test_float"));
    }

    [Fact]
    public async Task H2M_SkipWithAPartition_SkipsOnlyAnExistingPartition()
    {
        await using var job = new JobRun();
        MilvusTestServer server = await job.StartServerAsync();
        await job.SeedAsync(server, "idmap_flat_l2.index", "test_float"); // the collection exists, partition_1 does not
        string[] sets = [.. H2M(server, "latest_contiguous.h5"), "H2M.mode=skip"];

        ProcessResult first = await job.RunExampleAsync("H2M.yaml", sets);
        ProcessResult second = await job.RunExampleAsync("H2M.yaml", sets);

        // The original skipped the whole task (exit 0, nothing written) because the collection existed.
        Assert.Contains("latest_contiguous.h5 -> ", first.Output, StringComparison.Ordinal);
        Assert.Contains("50 rows read, 50 written", first.Output, StringComparison.Ordinal);
        Assert.Contains("skipped (destination exists)", second.Output, StringComparison.Ordinal);
        JobRun.AssertHolds(Fixtures.Expected("idmap_flat_l2.index", "latest_contiguous.h5"), await job.InspectAsync(server.Uri.ToString(), "--collection", "test_float"));
    }

    [Fact]
    public async Task H2M_FileWithoutIds_GetsKeysZeroToN()
    {
        await using var job = new JobRun();
        MilvusTestServer server = await job.StartServerAsync();

        // The released original failed on it ('NoneType' has no attribute 'tolist', exit 2).
        await job.RunExampleAsync("H2M.yaml", [.. H2M(server, "default_no_ids.h5"), "H2M.collection_parameter.dimension=16"]);

        JobRun.AssertHolds(Fixtures.Expected("default_no_ids.h5"), await job.InspectAsync(server.Uri.ToString(), "--collection", "test_float"));
    }

    [Fact]
    public async Task H2M_FixedLengthByteStrings_KeepTheirTrailingZeroBytes()
    {
        await using var job = new JobRun();
        MilvusTestServer server = await job.StartServerAsync();

        // Rows 1 and 3 of the fixture end in 0x00, which numpy's S8 -> bytes conversion dropped in the original.
        await job.RunExampleAsync("H2M.yaml", [.. H2M(server, "fixed_strings.h5"), "H2M.collection_parameter.dimension=64", "H2M.collection_parameter.metric_type=HAMMING"]);

        JobRun.AssertHolds(Fixtures.Expected("fixed_strings.h5"), await job.InspectAsync(server.Uri.ToString(), "--collection", "test_float"));
    }

    [Fact]
    public async Task H2M_UnreadableFile_FailsTheRunNamingIt()
    {
        await using var job = new JobRun();
        MilvusTestServer server = await job.StartServerAsync();

        // The original printed the error, skipped the file and still logged "Successfully".
        ProcessResult result = await ToolProcess.RunAsync(job.State, ["run", "yamls/H2M.yaml", "--state-dir", job.State,
            .. H2M(server, "latest_contiguous.h5", "refused_no_vectors.h5").SelectMany(s => new[] { "--set", s })]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("refused_no_vectors.h5", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("done:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task M2M_Skip_SkipsExistingDestinationsOnly_AndCopiesTheRest()
    {
        await using var job = new JobRun();
        MilvusTestServer source = await job.StartServerAsync();
        MilvusTestServer destination = await job.StartServerAsync();
        await job.SeedAsync(source, "idmap_flat_l2.index", "demo");
        await job.SeedAsync(source, "ivfflat_full.index", "demo", "p1");
        await job.SeedAsync(destination, "idmap_ivfflat.index", "demo"); // demo/_default exists at the destination

        // The original's M2M skip check ended the whole process (exit 1) at the first existing destination. The write
        // mode belongs to the sink, so a Milvus 2.x source stands in here for the 0.10/1.x storage folder.
        ProcessResult result = await job.RunExampleAsync("milvus-to-milvus.yaml", [$"source.uri={source.Uri}", $"sink.uri={destination.Uri}", "verify=count"]);

        Assert.Contains("demo/_default -> ", result.Output, StringComparison.Ordinal);
        Assert.Contains("skipped (destination exists)", result.Output, StringComparison.Ordinal);
        Assert.Contains("300 rows read, 300 written", result.Output, StringComparison.Ordinal);
        JobRun.AssertHolds(Fixtures.Expected("idmap_ivfflat.index", "ivfflat_full.index"), await job.InspectAsync(destination.Uri.ToString(), "--collection", "demo"));
    }

    private static string[] F2M(MilvusTestServer server, string fixture) =>
        [$"F2M.data_path={Fixtures.Faiss(fixture)}", $"F2M.dest_port={server.Uri.Port}", "F2M.collection_parameter.dimension=8"];

    private static string[] H2M(MilvusTestServer server, params string[] fixtures) =>
        [$"H2M.data_path=[{string.Join(", ", fixtures.Select(f => $"'{Fixtures.Hdf5(f)}'"))}]", $"H2M.dest_port={server.Uri.Port}", "H2M.collection_parameter.dimension=8"];
}
