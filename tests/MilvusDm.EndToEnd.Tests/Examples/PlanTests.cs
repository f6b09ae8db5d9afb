using MilvusDm.EndToEnd.Tests.Support;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.EndToEnd.Tests.Examples;

/// <summary>
/// <c>validate</c> and <c>run --dry-run</c> print the same plan for every job shape in yamls/ (inventory, destination,
/// mode, batching, what would be created or dropped) and leave the destination untouched.
/// </summary>
public sealed class PlanTests
{
    public static TheoryData<string> ExampleFiles => [.. ExampleCases.Files];

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public async Task Validate_PrintsThePlan_AndWritesNothing(string file)
    {
        await using var job = new JobRun();
        ExampleCase example = await ExampleCases.CreateAsync(file, job);

        ProcessResult validate = await job.ValidateExampleAsync(file, example.Sets);
        ProcessResult dryRun = await job.RunExampleAsync(file, example.Sets, "--dry-run");

        Assert.All(example.Plan, text => Assert.Contains(text, validate.Output, StringComparison.Ordinal));
        Assert.Contains("batches: up to ", validate.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^total: \d+ datasets, [\d,]+ rows, ", validate.Output);
        Assert.Equal(validate.Output.Replace("valid\n", "", StringComparison.Ordinal), dryRun.Output);
        Assert.True(example.Untouched(), $"{file}: a plan-only command changed the destination\n{validate}");
    }
}
