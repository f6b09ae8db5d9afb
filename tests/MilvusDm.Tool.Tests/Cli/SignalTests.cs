using System.Diagnostics;
using System.Globalization;
using System.Text;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Tool.Tests.Cli;

/// <summary>A real tool process stopped with SIGTERM commits what is in flight, says so, and exits 130.</summary>
[Collection(ThirdPartyPluginsCollection.Name)]
public sealed class SignalTests(ThirdPartyPlugins plugins)
{
    [Fact]
    public async Task Run_Sigterm_CommitsInFlightRowsReportsThemAndExits130()
    {
        // Arrange: a job throttled to 400 rows/s over 20,000 rows, so it is surely still running when signalled.
        using var dir = new TempDirectory();
        string input = dir.Write("in.csv", string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i},{i}.5,1\n")));
        string job = dir.Write("job.yaml", $"source: {{plugin: csv, path: {input}}}\nsink: {{plugin: csv, dir: {dir.Combine("out")}, mode: overwrite}}\nmax_rows_per_second: 400\nbatch: {{bytes: 400}}\n");
        using Process process = ProcessRunner.Start("dotnet", [RepoPaths.ToolDll, "run", job], environment: new Dictionary<string, string?> { ["MILVUSDM_PLUGIN_PATH"] = plugins.CsvRoot });
        var errors = new StringBuilder();
        var started = new TaskCompletionSource();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }

            if (e.Data?.Contains("started", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(1));

        // Act
        using (Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        // Assert
        string stderr;
        lock (errors)
        {
            stderr = errors.ToString();
        }

        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}\n{stderr}\n{await output}");
        string committedLine = stderr.Split('\n').Single(l => l.StartsWith("error: cancelled:", StringComparison.Ordinal));
        long committed = long.Parse(committedLine.Split(' ')[2], CultureInfo.InvariantCulture);
        Assert.InRange(committed, 1, 19_999);
        Assert.Equal(committed, File.ReadAllLines(dir.Combine("out", "in.csv")).Length);
        Assert.Contains("cancelled: 1 datasets", await output, StringComparison.Ordinal);
    }
}
