using System.Diagnostics;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Reliability.Tests.Support;

/// <summary>
/// Runs one job as real tool processes: each run is SIGKILLed a seeded-random time after it started moving rows,
/// the next run resumes with <c>--resume</c>, and a last run resumes to the end.
/// </summary>
internal sealed class KillLoop(string home, string job, int seed)
{
    /// <summary>Shortest and longest time between the first rows moving and the SIGKILL.</summary>
    public (int Min, int Max) DelayMilliseconds { get; init; } = (0, 1200);

    /// <summary>
    /// A counter the destination side raises as rows move (e.g. the test server's Insert and Upsert calls): the delay
    /// starts when it first grows in a run, so kills land while data flows rather than while the tool starts up.
    /// </summary>
    public Func<long>? Progress { get; init; }

    /// <summary>Extra arguments of every run (e.g. <c>--report FILE</c>).</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>The delays at which runs were killed, in order.</summary>
    public List<int> Kills { get; } = [];

    public TimeSpan Elapsed { get; private set; }

    /// <summary>Kills <paramref name="kills"/> runs, calling <paramref name="afterKill"/> after each, then resumes to the end.</summary>
    public async Task<ProcessResult> RunAsync(int kills, Func<int, Task>? afterKill = null)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(seed);
        for (int i = 0; i < kills; i++)
        {
            using ToolRun run = ToolRun.Start(home, Arguments(resume: i > 0));
            await run.WaitForErrorLineAsync(l => l.Contains("] started (", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
            await WaitForProgressAsync(run);
            int delay = random.Next(DelayMilliseconds.Min, DelayMilliseconds.Max);
            await Task.Delay(delay);
            if (run.HasExited)
            {
                // The job ended before the kill: a test asserting the kill count reports this run.
                Elapsed = clock.Elapsed;
                return await run.WaitAsync(TimeSpan.FromSeconds(10));
            }

            await run.KillAsync();
            Kills.Add(delay);
            if (afterKill is not null)
            {
                await afterKill(i);
            }
        }

        ProcessResult last = await ToolRun.RunAsync(home, Arguments(resume: kills > 0), TimeSpan.FromMinutes(3));
        Elapsed = clock.Elapsed;
        return last;
    }

    private async Task WaitForProgressAsync(ToolRun run)
    {
        if (Progress is null)
        {
            return;
        }

        long start = Progress();
        var clock = Stopwatch.StartNew();
        while (Progress() == start && !run.HasExited && clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(5);
        }
    }

    private List<string> Arguments(bool resume)
    {
        var args = new List<string> { "run", job, "--state-dir", Path.Combine(home, "state") };
        if (resume)
        {
            args.Add("--resume");
        }

        args.AddRange(ExtraArguments);
        return args;
    }
}
