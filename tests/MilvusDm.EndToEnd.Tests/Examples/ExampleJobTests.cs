using MilvusDm.EndToEnd.Tests.Support;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.EndToEnd.Tests.Examples;

/// <summary>
/// Every file in yamls/ runs as shipped (pointed at fixtures, temporary folders and test servers with <c>run --set</c>)
/// and the destination, read back by <c>milvusdm inspect</c>, holds the rows and digest the fixture script recorded.
/// A file without a case fails, so an example cannot be added untested or stop working unnoticed.
/// </summary>
public sealed class ExampleJobTests
{
    public static TheoryData<string> ExampleFiles => [.. ExampleCases.Files];

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public async Task Example_RunsAsShipped_AndTheDestinationHoldsTheSourceDigest(string file)
    {
        await using var job = new JobRun();
        ExampleCase example = await ExampleCases.CreateAsync(file, job);

        ProcessResult run = await job.RunExampleAsync(file, example.Sets);

        await example.CheckRun(run);
    }

    [Fact]
    public void EveryCase_HasItsFile_AndEveryFile_HasACase()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "yamls")).Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Assert.All(ExampleCases.All.Keys, name => Assert.True(files.Contains(name), $"case {name} has no file in yamls/"));
        Assert.All(files, name => Assert.True(ExampleCases.All.ContainsKey(name), $"yamls/{name} has no test case"));
        Assert.All(files, name => Assert.EndsWith(".yaml", name, StringComparison.Ordinal));
    }
}
