using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using MilvusDm.Reliability.Tests.Support;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Reliability.Tests.Hostile;

/// <summary>
/// Hostile job files: alias bombs, huge scalars, wrong types, duplicate keys, tabs, binary garbage. Each ends with
/// exit 2 and one error line naming the file, line and column, quickly and without trusting the input's size.
/// </summary>
public sealed partial class YamlEdgeCaseTests
{
    private const string Valid = "source: {plugin: faiss, path: /nonexistent.index}\nsink: {plugin: discard}\n";

    public static TheoryData<string, string> Cases()
    {
        var laughs = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++)
        {
            laughs.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        }

        return new TheoryData<string, string>
        {
            { "billion laughs at the top", laughs + Valid },
            { "billion laughs in a plugin section", laughs.ToString().Replace("a0:", "x0:", StringComparison.Ordinal) + "source: {plugin: faiss, path: x, extra: *a9}\nsink: {plugin: discard}\n" },
            { "alias of an undefined anchor", "source: *nowhere\nsink: {plugin: discard}\n" },
            { "number beyond int64", Valid + "max_rows_per_second: 99999999999999999999999999\n" },
            { "number beyond int32", Valid + "batch: {bytes: 4294967296000}\n" },
            { "float where an integer belongs", Valid + "batch: {in_flight: 1e400}\n" },
            { "huge scalar key", Valid + new string('k', 2_000_000) + ": 1\n" },
            { "huge scalar value of an enum", Valid + "verify: " + new string('v', 2_000_000) + "\n" },
            { "sequence where a mapping belongs", "source: [faiss, x]\nsink: {plugin: discard}\n" },
            { "mapping where a scalar belongs", Valid + "verify: {count: true}\n" },
            { "mapping as the plugin name", "source: {plugin: {name: faiss}, path: x}\nsink: {plugin: discard}\n" },
            { "scalar section", "source: faiss\nsink: {plugin: discard}\n" },
            { "unknown enum value", Valid + "ids: sometimes\n" },
            { "duplicate top-level key", Valid + "verify: count\nverify: none\n" },
            { "duplicate key in a section", "source: {plugin: faiss, path: a, path: b}\nsink: {plugin: discard}\n" },
            { "tab indentation", "source:\n\tplugin: faiss\n\tpath: x\nsink: {plugin: discard}\n" },
            { "unclosed flow mapping", "source: {plugin: faiss, path: x\nsink: {plugin: discard}\n" },
            { "two documents", Valid + "---\n" + Valid },
            { "a bare scalar", "just some words\n" },
            { "an empty file", "" },
            { "NUL bytes", "source: {plugin: faiss,\0 path: x}\n" },
            { "binary garbage", Garbage(7) },
            { "more binary garbage", Garbage(8) },
            { "original task with a wrong type", "F2M:\n  milvus_version: 2.0.0\n  data_path: [1, 2]\n  dest_host: 127.0.0.1\n  dest_port: 19530\n  mode: append\n  dest_collection_name: c\n" },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_job_file_ends_in_exit_2_with_one_line_naming_line_and_column(string name, string yaml)
    {
        using var dir = new TempDirectory("milvusdm-yaml");
        string job = dir.Combine("job.yaml");
        await File.WriteAllTextAsync(job, yaml, new UTF8Encoding(false));
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        ProcessResult result = await Cli.RunAsync(dir.Combine("state"), null, "validate", job).WaitAsync(TimeSpan.FromSeconds(30));

        clock.Stop();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(result.ExitCode == 2, $"{name}: {result}");
        string[] lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"{name}: {result}");
        Assert.Matches(Position(), lines[0][..Math.Min(lines[0].Length, 500)]);
        Assert.InRange(lines[0].Length, 1, 1000);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.InRange(allocated, 0, 512L << 20);
    }

    [Fact]
    public async Task Nesting_ten_thousand_levels_deep_is_refused_without_overflowing_the_stack()
    {
        // In a child process: a stack overflow cannot be caught and would end the test host.
        using var dir = new TempDirectory("milvusdm-yaml-deep");
        string job = dir.Write("job.yaml", Valid + "batch: " + new string('[', 10_000) + new string(']', 10_000) + "\n");

        ProcessResult result = await ToolRun.RunAsync(dir.Path, ["validate", job], TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(Position(), result.Error);
    }

    private static string Garbage(int seed)
    {
        var bytes = new byte[2048];
        new Random(seed).NextBytes(bytes);
        return Encoding.Latin1.GetString(bytes);
    }

    [GeneratedRegex(@"^error: .*job\.yaml:\d+:\d+: ")]
    private static partial Regex Position();
}
