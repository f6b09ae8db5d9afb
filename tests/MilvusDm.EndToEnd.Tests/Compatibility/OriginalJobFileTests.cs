using MilvusDm.EndToEnd.Tests.Support;
using MilvusDm.Milvus.TestServer;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.EndToEnd.Tests.Compatibility;

/// <summary>How original job files are read: spellings, extra keys, missing keys, relative paths (docs/compatibility.md).</summary>
public sealed class OriginalJobFileTests
{
    private static string ShippedF2M => File.ReadAllText(Path.Combine(RepoPaths.Root, "yamls", "F2M.yaml"));

    [Theory]
    [InlineData("milvus_version")]
    [InlineData("milvus-version")]
    public async Task OriginalFile_BothVersionKeySpellings_AreAcceptedWithoutAWarning(string spelling)
    {
        await using var job = new JobRun();
        MilvusTestServer server = await job.StartServerAsync();
        string file = job.Write("f2m.yaml", ShippedF2M.Replace("  milvus_version: 2.3.0", $"  {spelling}: 2.4.0", StringComparison.Ordinal));

        ProcessResult result = await ToolProcess.RunAsync(job.State, "validate", file, "--set", $"F2M.data_path={Fixtures.Faiss("flat_l2.index")}",
            "--set", $"F2M.dest_port={server.Uri.Port}", "--set", "F2M.collection_parameter.dimension=8");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("warning", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OriginalFile_WithAnExtraKey_WarnsAndStillValidates()
    {
        await using var job = new JobRun();
        MilvusTestServer server = await job.StartServerAsync();
        string file = job.Write("f2m.yaml", ShippedF2M + "  dest_colection_name: 'typo'\n  logs_num: 3\n");

        ProcessResult result = await ToolProcess.RunAsync(job.State, "validate", file, "--set", $"F2M.data_path={Fixtures.Faiss("flat_l2.index")}",
            "--set", $"F2M.dest_port={server.Uri.Port}", "--set", "F2M.collection_parameter.dimension=8");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("unknown key 'F2M.dest_colection_name' (ignored); did you mean 'dest_collection_name'?", result.Error, StringComparison.Ordinal);
        Assert.Contains("unknown key 'F2M.logs_num' (ignored)", result.Error, StringComparison.Ordinal);
        Assert.EndsWith("valid\n", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  data_path: '/home/data/faiss.index'   # one index written by faiss.write_index / write_index_binary\n", "", "missing required key 'F2M.data_path'")]
    [InlineData("  data_path: '/home/data/faiss.index'", "  data_pth: '/home/data/faiss.index'", "missing required key 'F2M.data_path' ('F2M.data_pth' at line 4 may be a misspelling of it)")]
    public async Task OriginalFile_MissingARequiredKey_Exits2NamingIt(string line, string replacement, string message)
    {
        await using var job = new JobRun();
        Assert.Contains(line, ShippedF2M, StringComparison.Ordinal);
        string file = job.Write("f2m.yaml", ShippedF2M.Replace(line, replacement, StringComparison.Ordinal));

        ProcessResult result = await ToolProcess.RunAsync(job.State, "validate", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error: {file}:2:1: {message}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RelativePaths_AreReadFromTheJobFilesFolder_NotTheWorkingDirectory()
    {
        await using var job = new JobRun();
        string elsewhere = job.Combine("cwd");
        Directory.CreateDirectory(elsewhere);

        // quickstart.yaml names ../samples/quickstart.index: found from yamls/, whatever the working directory.
        ProcessResult result = await ProcessRunner.RunAsync("dotnet", [RepoPaths.ToolDll, "run", Path.Combine(RepoPaths.Root, "yamls", "quickstart.yaml"), "--state-dir", job.State, "--set", $"sink.dir={job.Combine("out")}"],
            TimeSpan.FromMinutes(3), elsewhere);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(job.Combine("out", "quickstart", "_default.h5")));
    }

    [Fact]
    public async Task Run_WritesNoIdFilesAndNoLogFilesIntoTheHomeFolder()
    {
        await using var job = new JobRun();
        MilvusTestServer server = await job.StartServerAsync();

        await job.RunExampleAsync("F2M.yaml", [$"F2M.data_path={Fixtures.Faiss("flat_l2.index")}", $"F2M.dest_port={server.Uri.Port}", "F2M.collection_parameter.dimension=8"]);

        // The original wrote $MILVUSDM_PATH or ~/milvusdm/ids/<file>_<time>.txt and logs/milvusdm-<date>.log; HOME is job.State here.
        Assert.False(Directory.Exists(Path.Combine(job.State, "milvusdm")), "a milvusdm work folder appeared in the home folder");
        Assert.Empty(Directory.EnumerateFiles(job.State, "*.txt", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(job.State, "*.log", SearchOption.AllDirectories));
    }
}
