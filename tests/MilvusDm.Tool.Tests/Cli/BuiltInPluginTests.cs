using System.Text.Json;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Tool.Tests.Cli;

/// <summary>The built tool with its staged built-in plugins, run as a process the way users run it.</summary>
public sealed class BuiltInPluginTests
{
    private static readonly string FaissFixtures = Path.Combine(RepoPaths.Root, "tests", "TestData", "faiss");

    private static Task<ProcessResult> Tool(params string[] args) =>
        ProcessRunner.RunAsync("dotnet", [RepoPaths.ToolDll, .. args], TimeSpan.FromMinutes(2));

    [Fact]
    public async Task Inspect_FaissFixture_PrintsTheDigestRealFaissReported()
    {
        // Arrange: the fixture script recorded what Faiss itself returned for this index.
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(FaissFixtures, "expected.json")));
        JsonElement fixture = expected.RootElement.GetProperty("fixtures").GetProperty("ivfflat_full");

        // Act
        ProcessResult result = await Tool("inspect", Path.Combine(FaissFixtures, "ivfflat_full.index"), "--json");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument json = JsonDocument.Parse(result.Output);
        Assert.Equal("faiss", json.RootElement.GetProperty("format").GetString());
        JsonElement dataset = json.RootElement.GetProperty("datasets").EnumerateArray().Single();
        Assert.Equal(fixture.GetProperty("rows").GetInt64(), dataset.GetProperty("rows").GetInt64());
        Assert.Equal(fixture.GetProperty("digest").GetString(), dataset.GetProperty("digest").GetString());
        Assert.Equal(fixture.GetProperty("vectors_digest").GetString(), dataset.GetProperty("vectors_digest").GetString());
    }

    [Fact]
    public async Task Run_FaissToDiscard_ReadsEveryRow()
    {
        using var dir = new TempDirectory();
        string job = dir.Write("job.yaml", $"source: {{plugin: faiss, path: {Path.Combine(FaissFixtures, "idmap_ivfflat.index")}}}\nsink: {{plugin: discard}}\n");

        ProcessResult result = await Tool("run", job);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"idmap_ivfflat\.index -> discard: (\d[\d,]*) rows read, \1 written, count check passed", result.Output);
    }

    [Fact]
    public async Task Inspect_LossyFaissIndex_Exits3WithOneLine()
    {
        ProcessResult result = await Tool("inspect", Path.Combine(FaissFixtures, "pq.index"));

        Assert.Equal(3, result.ExitCode);
        Assert.Single(result.Error.Trim().Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("IxPq", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPlugins_ShowsEveryBuiltInPluginLoaded()
    {
        ProcessResult result = await Tool("list-plugins", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument json = JsonDocument.Parse(result.Output);
        JsonElement[] builtIns = json.RootElement.EnumerateArray().Where(p => p.GetProperty("builtin").GetBoolean()).ToArray();
        Assert.Contains(builtIns, p => p.GetProperty("name").GetString() == "faiss");
        Assert.Contains(builtIns, p => p.GetProperty("name").GetString() == "discard");
        Assert.All(builtIns, p => Assert.True(p.GetProperty("error").ValueKind == JsonValueKind.Null, p.ToString()));
    }

    [Fact]
    public async Task Run_VerifyDigestIntoASinkThatCannotReadBack_Exits2()
    {
        using var dir = new TempDirectory();
        string job = dir.Write("job.yaml", $"source: {{plugin: faiss, path: {Path.Combine(FaissFixtures, "flat_l2.index")}}}\nsink: {{plugin: discard}}\nverify: digest\n");

        ProcessResult result = await Tool("validate", job);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the 'discard' sink cannot", result.Error, StringComparison.Ordinal);
    }
}
