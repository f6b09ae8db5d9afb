using System.Diagnostics;

namespace MilvusDm.Plugins.Milvus.Tests;

/// <summary>
/// The official Milvus Node SDK, installed at a pinned version by Conformance/install-sdk.sh into a temporary folder
/// (reused between runs). Missing npm or node fails the tests that need it: they never skip.
/// </summary>
internal static class NodeSdk
{
    private static readonly Lazy<string> s_directory = new(Install);

    public static string Directory => s_directory.Value;

    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Conformance", name);

    public static string Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"'{file}' is not available ({ex.Message}): the Milvus conformance/interop tests need Node.js and npm", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in 10 minutes");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{stderr.Result}\n{stdout.Result}");
            }

            return stdout.Result;
        }
    }

    private static string Install()
    {
        string directory = Path.Combine(Path.GetTempPath(), "milvusdm-milvus2-sdk-node");
        Run("bash", Script("install-sdk.sh"), directory);
        return directory;
    }
}
