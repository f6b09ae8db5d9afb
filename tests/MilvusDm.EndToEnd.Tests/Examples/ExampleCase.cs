using MilvusDm.EndToEnd.Tests.Support;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.EndToEnd.Tests.Examples;

/// <summary>
/// How one shipped example is pointed at fixtures and test servers, what its destination must hold afterwards, and
/// what its plan (<c>validate</c>, <c>run --dry-run</c>) must say.
/// </summary>
/// <param name="File">The file name in yamls/.</param>
/// <param name="Sets">The <c>--set KEY=VALUE</c> overrides; the file itself is used as shipped.</param>
internal sealed record ExampleCase(string File, IReadOnlyList<string> Sets)
{
    /// <summary>Checks the finished run: the destination holds what the source held.</summary>
    public required Func<ProcessResult, Task> CheckRun { get; init; }

    /// <summary>Whether the destination is still untouched (after a plan-only command).</summary>
    public required Func<bool> Untouched { get; init; }

    /// <summary>Text the plan must contain (inventory, destination, mode, batching, what is created or dropped).</summary>
    public IReadOnlyList<string> Plan { get; init; } = [];

    /// <summary>A check that reads the destination back and compares it with <paramref name="expected"/>.</summary>
    public static Func<ProcessResult, Task> Holds(Inventory expected, Func<Task<Inventory>> readDestination) =>
        async _ => JobRun.AssertHolds(expected, await readDestination());
}
