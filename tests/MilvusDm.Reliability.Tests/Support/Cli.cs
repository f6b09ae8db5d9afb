using MilvusDm.Tool;
using MilvusDm.Tool.Commands;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Reliability.Tests.Support;

/// <summary>
/// The tool's command line run in-process (fast enough for a corpus of hundreds of cases), with the built tool's
/// staged plugins/ as the plugin path, private ledgers, and no environment of the test process.
/// </summary>
internal static class Cli
{
    public static string PluginPath => Path.Combine(RepoPaths.ToolDirectory, "plugins");

    public static async Task<ProcessResult> RunAsync(string stateDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var tool = new ToolEnvironment
        {
            GetEnvironmentVariable = name => name == "MILVUSDM_PLUGIN_PATH" ? PluginPath : environment?.GetValueOrDefault(name),
            PlainProgressInterval = TimeSpan.FromSeconds(30),
            StateDirectory = stateDirectory,
        };
        int code = await CommandLine.InvokeAsync(args, output, error, tool);
        return new ProcessResult(code, output.ToString(), error.ToString());
    }
}
