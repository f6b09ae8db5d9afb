using System.Text.RegularExpressions;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.EndToEnd.Tests.Docs;

/// <summary>docs/compatibility.md cannot drift from the suite: every row has a status and names tests that exist.</summary>
public sealed partial class CompatibilityDocTests
{
    private static readonly string[] Statuses = ["same", "fixed", "changed"];

    [Fact]
    public void EveryRow_HasAStatus_AndNamesTestsThatExist()
    {
        string[] rows = [.. File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "compatibility.md"))
            .Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| original behaviour", StringComparison.Ordinal))];
        string[] sources = [.. Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)];

        Assert.True(rows.Length >= 30, $"only {rows.Length} rows");
        Assert.All(rows, row =>
        {
            string[] cells = [.. row.Trim('|', ' ').Split(" | ")];
            Assert.True(cells.Length == 4, $"expected 4 cells: {row}");
            Assert.Contains(cells[2], Statuses);
            string[] tests = [.. TestName().Matches(cells[3]).Select(m => m.Value.Trim('`'))];
            Assert.True(tests.Length > 0, $"no test named: {row}");
            Assert.All(tests, test =>
            {
                string[] parts = test.Split('.');
                string[] files = [.. sources.Where(s => Regex.IsMatch(s, $@"\bclass {parts[0]}\b"))];
                Assert.True(files.Length > 0, $"no test class {parts[0]} (row: {cells[0]})");
                Assert.True(files.Any(s => Regex.IsMatch(s, $@"\bpublic (async )?(Task|void) {parts[1]}\(")), $"no test method {test} (row: {cells[0]})");
            });
        });
    }

    [GeneratedRegex(@"`[A-Z][A-Za-z0-9]*\.[A-Za-z_][A-Za-z0-9_]*`")]
    private static partial Regex TestName();
}
