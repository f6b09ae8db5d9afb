using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.EndToEnd.Tests.Support;

/// <summary>The built tool (src/Tool output, with its staged built-in plugins) run as a child process.</summary>
internal static class ToolProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    /// <summary>Runs <c>milvusdm ARGS</c> from the repository root, with run ledgers kept in <paramref name="stateDirectory"/>.</summary>
    public static Task<ProcessResult> RunAsync(string stateDirectory, params string[] args) =>
        ProcessRunner.RunAsync("dotnet", [RepoPaths.ToolDll, .. args], Limit, RepoPaths.Root, new Dictionary<string, string?>
        {
            // Ledgers of test runs never land in the user's ~/.milvusdm/state.
            ["HOME"] = stateDirectory,
            ["MILVUSDM_PLUGIN_PATH"] = null,
        });

    /// <summary>Runs the tool and fails with everything it printed unless it exits 0.</summary>
    public static async Task<ProcessResult> SucceedAsync(string stateDirectory, params string[] args)
    {
        ProcessResult result = await RunAsync(stateDirectory, args);
        Assert.True(result.ExitCode == 0, $"milvusdm {string.Join(' ', args)}\n{result}");
        return result;
    }
}
