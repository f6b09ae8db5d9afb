using MilvusDm.Reliability.Tests.Support;
using MilvusDm.Tool.Tests.Support;
using Xunit.Abstractions;

namespace MilvusDm.Reliability.Tests.Hostile;

/// <summary>
/// A sample of the hostile corpus through the real tool process: exactly one line on standard error, exit 3, no
/// stack trace, and a peak resident set size (measured by the kernel, getrusage) far below what trusting an inflated
/// size would need.
/// </summary>
public sealed class ChildProcessTests(ITestOutputHelper output)
{
    /// <summary>A .NET process with the tool and its plugins loaded stays well below this reading a few KiB.</summary>
    private const long PeakLimitKiB = 300 * 1024;

    public static TheoryData<string> Samples() =>
    [
        "flat_l2.index truncated to 64",
        "ivfflat_full.index truncated to 6149",
        "default_contiguous.h5 truncated to 2024",
        "default_fletcher32.h5 truncated to 4336",
        "hdf5: a Faiss index",
        "faiss: random bytes",
    ];

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task A_damaged_input_in_a_real_process_prints_one_line_exits_3_and_stays_small(string name)
    {
        HostileCase hostile = HostileCorpus.All().Single(c => c.Name == name);
        using var dir = new TempDirectory("milvusdm-hostile-process");
        string file = dir.Combine("input" + hostile.Extension);
        await File.WriteAllBytesAsync(file, hostile.Content);
        string key = hostile.Plugin == "faiss" ? $"path: {file}" : $"paths: [{file}]";
        string job = dir.Write("job.yaml", $"source: {{plugin: {hostile.Plugin}, {key}}}\nsink: {{plugin: discard}}\n");

        (ProcessResult result, long peakKiB) = await PeakRss.RunToolAsync(dir.Path, TimeSpan.FromSeconds(60), "run", job);

        output.WriteLine($"{name}: exit {result.ExitCode}, peak RSS {peakKiB / 1024} MiB: {result.Error.Trim()}");
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.InRange(peakKiB, 1, PeakLimitKiB);
    }
}
