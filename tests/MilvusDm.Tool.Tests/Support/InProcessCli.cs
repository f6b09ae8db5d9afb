using MilvusDm.Tool.Commands;

namespace MilvusDm.Tool.Tests.Support;

/// <summary>Runs the tool's command line in-process with captured streams and a chosen plugin path.</summary>
internal static class InProcessCli
{
    public static async Task<ProcessResult> RunAsync(string? pluginPath, params string[] args) =>
        await RunAsync(pluginPath, CancellationToken.None, args);

    public static async Task<ProcessResult> RunAsync(string? pluginPath, CancellationToken shutdown, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new ToolEnvironment
        {
            GetEnvironmentVariable = name => name == "MILVUSDM_PLUGIN_PATH" ? pluginPath : null,
            PlainProgressInterval = TimeSpan.Zero,
            Shutdown = shutdown,
            StateDirectory = Path.Combine(Path.GetTempPath(), "milvusdm-test-state"),
        };
        int code = await CommandLine.InvokeAsync(args, output, error, environment);
        return new ProcessResult(code, output.ToString(), error.ToString());
    }
}
