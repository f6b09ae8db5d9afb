using System.Text.Json;
using MilvusDm.Abstractions;
using MilvusDm.Milvus.TestServer;
using MilvusDm.Reliability.Tests.Support;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Reliability.Tests.Duplicates;

/// <summary>
/// Source rows sharing an id (a real Faiss IndexIDMap with repeated ids, and two h5py files with overlapping ids):
/// duplicate_ids: error (the default) stops with exit 3 naming the dataset, rows and an example id before the
/// destination is completed; keep-last keeps the last row of each id at a Milvus and at an HDF5 destination.
/// The tool runs as a child process (loading the Milvus plugin in the test host would share its dependencies).
/// </summary>
public sealed class DuplicateIdTests
{
    private static readonly string Index = Path.Combine(DuplicateFixture.Folder, "idmap_duplicate_ids.index");
    private static readonly string OverlapSource = $"{{plugin: hdf5, paths: [{Path.Combine(DuplicateFixture.Folder, "overlap_a.h5")}, {Path.Combine(DuplicateFixture.Folder, "overlap_b.h5")}]}}";

    [Fact]
    public async Task By_default_duplicate_ids_end_in_exit_3_naming_the_dataset_rows_and_an_example_id()
    {
        DuplicateFixture expected = DuplicateFixture.Of("idmap_duplicate_ids.index");
        await using var server = await MilvusTestServer.StartAsync();
        using var dir = new TempDirectory("milvusdm-dups");
        string job = dir.Write("job.yaml", $"source: {{plugin: faiss, path: {Index}}}\nsink: {{plugin: milvus, uri: {server.Uri}, collection: d}}\n");

        ProcessResult result = await ToolAsync(dir, "run", job);

        Assert.True(result.ExitCode == ExitCodes.SourceDataError, result.ToString());
        string error = result.Error.Split('\n').Single(l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains($"idmap_duplicate_ids.index row {expected.FirstDuplicateRows[1]}: duplicate id {expected.FirstDuplicateId}, already at idmap_duplicate_ids.index row {expected.FirstDuplicateRows[0]}", error, StringComparison.Ordinal);
        Assert.Contains($"{expected.DuplicatedIds} ids appear more than once ({expected.ExtraRows} extra rows)", error, StringComparison.Ordinal);
        Assert.Contains("duplicate_ids: keep-last", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_ids_across_two_files_into_one_collection_are_found_too()
    {
        DuplicateFixture expected = DuplicateFixture.Of("overlap_a.h5+overlap_b.h5");
        await using var server = await MilvusTestServer.StartAsync();
        using var dir = new TempDirectory("milvusdm-dups-overlap");
        string job = dir.Write("job.yaml", $"source: {OverlapSource}\nsink: {{plugin: milvus, uri: {server.Uri}, collection: o}}\n");

        ProcessResult result = await ToolAsync(dir, "run", job);

        Assert.True(result.ExitCode == ExitCodes.SourceDataError, result.ToString());
        Assert.Contains($"row 0: duplicate id {expected.FirstDuplicateId}, already at overlap_a", result.Error, StringComparison.Ordinal);
        Assert.Contains($"row {expected.FirstDuplicateRows[0]}; {expected.DuplicatedIds} ids appear more than once", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_hdf5_export_of_duplicate_ids_fails_without_publishing_a_file()
    {
        using var dir = new TempDirectory("milvusdm-dups-h5");
        string job = dir.Write("job.yaml", $"source: {{plugin: faiss, path: {Index}}}\nsink: {{plugin: hdf5, dir: {dir.Combine("out")}}}\n");

        ProcessResult result = await ToolAsync(dir, "run", job);

        Assert.True(result.ExitCode == ExitCodes.SourceDataError, result.ToString());
        Assert.Empty(Directory.Exists(dir.Combine("out")) ? Directory.EnumerateFiles(dir.Combine("out"), "*.h5*", SearchOption.AllDirectories) : []);
    }

    [Theory]
    [InlineData("faiss")]
    [InlineData("overlap")]
    public async Task Keep_last_stores_the_last_row_of_each_id_in_milvus_and_verify_agrees(string input)
    {
        DuplicateFixture expected = DuplicateFixture.Of(input == "faiss" ? "idmap_duplicate_ids.index" : "overlap_a.h5+overlap_b.h5");
        string source = input == "faiss" ? $"{{plugin: faiss, path: {Index}}}" : OverlapSource;
        await using var server = await MilvusTestServer.StartAsync();
        using var dir = new TempDirectory("milvusdm-dups-keep");
        string report = dir.Combine("report.json");
        string job = dir.Write("job.yaml", $"source: {source}\nsink: {{plugin: milvus, uri: {server.Uri}, collection: k}}\nduplicate_ids: keep-last\nverify: digest\n");

        ProcessResult result = await ToolAsync(dir, "run", job, "--report", report);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"duplicate_ids: keep-last drops the {expected.ExtraRows} earlier rows", result.Error, StringComparison.Ordinal);
        DigestPair stored = await ReadBack.CollectionAsync(server, "k");
        Assert.Equal(expected.KeepLastRows, stored.Rows);
        Assert.Equal(expected.KeepLastDigest, stored.Digest.ToString());
        Assert.Equal(0, server.Milvus.FindCollection("k")!.DuplicateRows);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(report));
        Assert.Equal(expected.ExtraRows, document.RootElement.GetProperty("datasets").EnumerateArray().Sum(d => d.GetProperty("rows_dropped_duplicate_ids").GetInt64()));

        ProcessResult verify = await ToolAsync(dir, "verify", job);
        Assert.True(verify.ExitCode == 0, verify.ToString());
    }

    [Fact]
    public async Task Keep_last_writes_only_the_last_row_of_each_id_to_an_hdf5_file()
    {
        DuplicateFixture expected = DuplicateFixture.Of("idmap_duplicate_ids.index");
        using var dir = new TempDirectory("milvusdm-dups-keep-h5");
        string job = dir.Write("job.yaml", $"source: {{plugin: faiss, path: {Index}}}\nsink: {{plugin: hdf5, dir: {dir.Combine("out")}}}\nduplicate_ids: keep-last\n");

        ProcessResult result = await ToolAsync(dir, "run", job);

        Assert.True(result.ExitCode == 0, result.ToString());
        string file = Directory.EnumerateFiles(dir.Combine("out"), "*.h5", SearchOption.AllDirectories).Single();
        DigestPair written = await ReadBack.Hdf5Async(file);
        Assert.Equal(expected.KeepLastRows, written.Rows);
        Assert.Equal(expected.KeepLastDigest, written.Digest.ToString());
    }

    private static Task<ProcessResult> ToolAsync(TempDirectory dir, params string[] args) =>
        ToolRun.RunAsync(dir.Path, args[0] == "run" ? [.. args, "--state-dir", dir.Combine("state")] : args, TimeSpan.FromMinutes(2));
}
