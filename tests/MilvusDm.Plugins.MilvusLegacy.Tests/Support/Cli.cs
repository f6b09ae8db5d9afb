using System.Text.Json;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Plugins.MilvusLegacy.Tests.Support;

/// <summary>The built tool (src/Tool output with its staged built-in plugins) run as a child process, as users run it.</summary>
internal static class Cli
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    /// <summary>Runs <c>milvusdm ARGS</c> with run ledgers under <paramref name="home"/> and the given environment.</summary>
    public static Task<ProcessResult> RunAsync(string home, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var env = new Dictionary<string, string?>
        {
            // Ledgers of test runs never land in the user's ~/.milvusdm/state.
            ["HOME"] = home,
            ["MILVUSDM_PLUGIN_PATH"] = null,
            ["MYSQL_PASSWORD"] = null,
        };
        foreach ((string key, string? value) in environment ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }

        return ProcessRunner.RunAsync("dotnet", [RepoPaths.ToolDll, .. args], Limit, RepoPaths.Root, env);
    }

    public static async Task<ProcessResult> SucceedAsync(string home, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        ProcessResult result = await RunAsync(home, environment, args);
        Assert.True(result.ExitCode == 0, $"milvusdm {string.Join(' ', args)}\n{result}");
        return result;
    }

    /// <summary><c>milvusdm inspect TARGET --json OPTIONS</c>: the datasets by name.</summary>
    public static async Task<Dictionary<string, JsonElement>> InspectAsync(string home, IReadOnlyDictionary<string, string?>? environment, string target, params string[] options)
    {
        ProcessResult result = await SucceedAsync(home, environment, ["inspect", target, "--json", .. options]);
        using JsonDocument document = JsonDocument.Parse(result.Output);
        return document.RootElement.GetProperty("datasets").EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!, d => d.Clone());
    }

    /// <summary>The dataset holds exactly the truth's rows: count and both digests.</summary>
    public static void AssertHolds(TruthDataset truth, JsonElement dataset)
    {
        Assert.Equal(truth.Rows, dataset.GetProperty("rows").GetInt64());
        Assert.Equal(truth.Digest, dataset.GetProperty("digest").GetString());
        Assert.Equal(truth.VectorsDigest, dataset.GetProperty("vectors_digest").GetString());
    }
}
