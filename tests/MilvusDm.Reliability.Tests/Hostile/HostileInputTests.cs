using MilvusDm.Reliability.Tests.Support;
using MilvusDm.Tool.Tests.Support;
using Xunit.Abstractions;

namespace MilvusDm.Reliability.Tests.Hostile;

/// <summary>
/// Every damaged variant of the real Faiss and HDF5 fixtures (<see cref="HostileCorpus"/>) given to <c>inspect</c>
/// and to <c>run</c> (into the discard sink), in-process: exit 3 with exactly one error line and no stack trace,
/// within seconds of processor time (and 30 s of wall time: no hang) and with bounded allocations; a flipped bit or
/// inflated number that leaves a valid file may exit 0.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileInputTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Groups()
    {
        var groups = new TheoryData<string, string>();
        foreach (string plugin in (string[])["faiss", "hdf5"])
        {
            foreach (string kind in (string[])["truncated", "bit-flipped", "size-inflated", "wrong-type"])
            {
                groups.Add(plugin, kind);
            }
        }

        return groups;
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public async Task Damaged_inputs_end_in_exit_3_with_one_line_quickly_and_in_bounded_memory(string plugin, string kind)
    {
        List<HostileCase> cases = HostileCorpus.All().Where(c => c.Plugin == plugin && c.Kind == kind).ToList();
        using var dir = new TempDirectory("milvusdm-hostile");
        await WarmUpAsync(dir);
        var problems = new List<string>();
        int exit3 = 0;
        TimeSpan slowest = TimeSpan.Zero;
        long mostAllocated = 0;
        for (int i = 0; i < cases.Count; i++)
        {
            HostileCase hostile = cases[i];
            string file = dir.Combine($"case{i}", "input" + hostile.Extension);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllBytesAsync(file, hostile.Content);
            string key = plugin == "faiss" ? $"path: {file}" : $"paths: [{file}]";
            string job = dir.Write($"case{i}/job.yaml", $"source: {{plugin: {plugin}, {key}}}\nsink: {{plugin: discard}}\n");

            CaseOutcome inspect = await CaseOutcome.MeasureAsync(dir.Combine("state"), "inspect", file);
            CaseOutcome run = await CaseOutcome.MeasureAsync(dir.Combine("state"), "run", job);
            int[] strict = hostile.MustFail ? [3] : [0, 3];
            string? inspectProblem = inspect.Problem(hostile.InspectMayRead ? [0, 3] : strict);
            string? runProblem = run.Problem(strict);
            if (inspectProblem is not null)
            {
                problems.Add($"{hostile.Name}: inspect {inspectProblem}");
            }

            if (runProblem is not null)
            {
                problems.Add($"{hostile.Name}: run {runProblem}");
            }

            exit3 += (inspect.Result.ExitCode == 3 ? 1 : 0) + (run.Result.ExitCode == 3 ? 1 : 0);
            slowest = new[] { slowest, inspect.CpuTime, run.CpuTime }.Max();
            mostAllocated = Math.Max(mostAllocated, Math.Max(inspect.AllocatedBytes, run.AllocatedBytes));
        }

        output.WriteLine($"{plugin} {kind}: {cases.Count} cases, {exit3} of {2 * cases.Count} commands exit 3, most processor time {slowest.TotalMilliseconds:0} ms, most allocated {mostAllocated >> 10} KiB");
        Assert.NotEmpty(cases);
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n" + string.Join("\n", problems));
    }

    /// <summary>Loads the plugins and compiles the paths once, so the first case's time is not the JIT's.</summary>
    private static async Task WarmUpAsync(TempDirectory dir)
    {
        string fixture = Path.Combine(HostileCorpus.TestData, "faiss", "flat_l2.index");
        await Cli.RunAsync(dir.Combine("state"), null, "inspect", fixture);
        await Cli.RunAsync(dir.Combine("state"), null, "inspect", Path.Combine(HostileCorpus.TestData, "hdf5", "default_contiguous.h5"));
    }
}
