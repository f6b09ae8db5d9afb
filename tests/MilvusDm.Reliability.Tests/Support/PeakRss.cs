using System.Globalization;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Reliability.Tests.Support;

/// <summary>
/// Runs the real tool under Data/peak_rss.py, which reports the child's peak resident set size (getrusage
/// ru_maxrss), so a test can bound the memory a hostile input makes the tool use.
/// </summary>
internal static class PeakRss
{
    public static async Task<(ProcessResult Result, long PeakKiB)> RunToolAsync(string home, TimeSpan limit, params string[] args)
    {
        string rssFile = Path.Combine(home, $"rss-{Guid.NewGuid():N}.txt");
        string script = Path.Combine(AppContext.BaseDirectory, "Data", "peak_rss.py");
        ProcessResult result = await ProcessRunner.RunAsync("/usr/bin/python3", [script, rssFile, "dotnet", RepoPaths.ToolDll, .. args], limit, RepoPaths.Root,
            new Dictionary<string, string?> { ["HOME"] = home, ["MILVUSDM_PLUGIN_PATH"] = null });
        long peak = long.Parse(File.ReadAllText(rssFile).Trim(), CultureInfo.InvariantCulture);
        return (result, peak);
    }
}
