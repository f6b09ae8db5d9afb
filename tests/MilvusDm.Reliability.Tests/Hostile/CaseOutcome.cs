using System.Diagnostics;
using MilvusDm.Reliability.Tests.Support;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Reliability.Tests.Hostile;

/// <summary>
/// How one command ended on one damaged input, with the processor time it used (unlike wall time, not stretched by
/// a loaded machine) and the bytes it allocated.
/// </summary>
internal sealed record CaseOutcome(string Command, ProcessResult Result, TimeSpan CpuTime, long AllocatedBytes)
{
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(3);

    /// <summary>Far above what reading a few-KiB fixture needs, far below what trusting an inflated size would take.</summary>
    public const long AllocationLimit = 256L << 20;

    /// <summary>Runs <c>milvusdm ARGS</c> in-process and measures it; a hang past 30 s is an outcome, not a stuck test.</summary>
    public static async Task<CaseOutcome> MeasureAsync(string stateDirectory, params string[] args)
    {
        long before = GC.GetTotalAllocatedBytes(precise: true);
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        ProcessResult result;
        try
        {
            result = await Cli.RunAsync(stateDirectory, null, args).WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            result = new ProcessResult(-1, "", "hung for 30 s");
        }

        return new CaseOutcome(args[0], result, Process.GetCurrentProcess().TotalProcessorTime - cpu, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    /// <summary>Lines of standard error other than progress lines (<c>[dataset] ...</c>).</summary>
    public IReadOnlyList<string> MessageLines =>
        Result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith('[')).ToList();

    /// <summary>What is wrong with this ending, or <c>null</c> when it is one of the allowed exit codes, told properly.</summary>
    public string? Problem(IReadOnlyCollection<int> allowed)
    {
        if (!allowed.Contains(Result.ExitCode))
        {
            return $"exit {Result.ExitCode}, expected {string.Join(" or ", allowed)}: {Result.Error.Trim()}";
        }

        if (CpuTime > TimeLimit)
        {
            return $"used {CpuTime.TotalSeconds:0.0} s of processor time";
        }

        if (AllocatedBytes > AllocationLimit)
        {
            return $"allocated {AllocatedBytes >> 20} MiB";
        }

        if (Result.ExitCode == 0)
        {
            return null;
        }

        if (MessageLines.Count != 1 || !MessageLines[0].StartsWith("error: ", StringComparison.Ordinal))
        {
            return $"expected exactly one 'error:' line, got:\n{Result.Error}";
        }

        if (Result.Error.Contains("   at ", StringComparison.Ordinal) || Result.Error.Contains("internal error", StringComparison.Ordinal))
        {
            return "stack trace or internal error: " + Result.Error;
        }

        return null;
    }
}
