using System.Text.Json;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Plugins.Milvus.Tests.Support;

/// <summary>
/// The built tool (src/Tool output with its staged built-in plugins) run as a child process the way users run it,
/// with its run ledgers and job files in a scratch folder.
/// </summary>
internal sealed class CliRun : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private readonly TempDirectory _dir = new("milvusdm-milvus-cli");

    public string State => _dir.Combine("state");

    public string Combine(params string[] parts) => _dir.Combine(parts);

    /// <summary>Runs <c>milvusdm ARGS</c>.</summary>
    public Task<ProcessResult> ToolAsync(params string[] args) =>
        ProcessRunner.RunAsync("dotnet", [RepoPaths.ToolDll, .. args], Limit, RepoPaths.Root, new Dictionary<string, string?>
        {
            ["HOME"] = State, // ledgers of test runs never land in the user's ~/.milvusdm/state
            ["MILVUSDM_PLUGIN_PATH"] = null,
            ["MILVUS_TOKEN"] = null,
            ["MILVUS_USER"] = null,
            ["MILVUS_PASSWORD"] = null,
        });

    /// <summary>Writes <paramref name="yaml"/> as a job file and runs it with a JSON report.</summary>
    public async Task<(ProcessResult Result, JsonElement? Report)> RunJobAsync(string yaml, params string[] extra)
    {
        string name = $"job-{Guid.NewGuid():N}";
        string job = _dir.Write(name + ".yaml", yaml);
        string report = _dir.Combine(name + ".report.json");
        var result = await ToolAsync(["run", job, "--state-dir", State, "--report", report, .. extra]);
        JsonElement? json = File.Exists(report) ? JsonDocument.Parse(File.ReadAllText(report)).RootElement.Clone() : null;
        return (result, json);
    }

    /// <summary>Runs the job and fails with everything the tool printed unless it exits 0.</summary>
    public async Task<JsonElement> SucceedAsync(string yaml, params string[] extra)
    {
        var (result, report) = await RunJobAsync(yaml, extra);
        Assert.True(result.ExitCode == 0 && report is not null, result.ToString());
        return report!.Value;
    }

    public void Dispose() => _dir.Dispose();
}
