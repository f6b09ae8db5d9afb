using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Tool.Tests;

/// <summary>Guards against a test suite that exists but never runs.</summary>
public sealed class SolutionTests
{
    [Fact]
    public void Solution_ContainsEveryProjectUnderSrcAndTests()
    {
        string solution = File.ReadAllText(Path.Combine(RepoPaths.Root, "MilvusDm.Tool.sln")).Replace('\\', '/');
        var projects = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "tests"), "*.csproj", SearchOption.AllDirectories))
            .Select(p => Path.GetRelativePath(RepoPaths.Root, p).Replace('\\', '/'))
            .Where(p => !p.StartsWith("tests/Fixtures/", StringComparison.Ordinal) && !p.Contains("/bin/", StringComparison.Ordinal) && !p.Contains("/obj/", StringComparison.Ordinal));

        Assert.All(projects, p => Assert.Contains($"\"{p}\"", solution, StringComparison.Ordinal));
    }
}
