using System.Text.Json;
using System.Text.RegularExpressions;
using MilvusDm.EndToEnd.Tests.Support;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.EndToEnd.Tests.Docs;

/// <summary>The README works as written: its quickstart command runs, and its reference sections match the tool.</summary>
public sealed partial class ReadmeTests
{
    private const string BeginReference = "<!-- BEGIN list-plugins --markdown";
    private const string EndReference = "<!-- END list-plugins --markdown -->";

    private static string Readme => File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

    [Fact]
    public async Task Quickstart_TheCommandAsWritten_PrintsWhereTheOutputIsAndItsDigest()
    {
        // Arrange: the first shell block of the Quickstart section is one command, run from the repository root.
        string command = Assert.Single(ShellCommands(Section(Readme, "## Quickstart")));
        using JsonDocument sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", "quickstart.json")));
        string digest = sample.RootElement.GetProperty("digest").GetString()!;
        string output = Path.Combine(RepoPaths.Root, "quickstart-output", "quickstart", "_default.h5");

        // Act (the build inside 'dotnet run' is incremental after the test build; a cold one on a busy machine is slow)
        ProcessResult result = await ProcessRunner.RunAsync("bash", ["-c", command], TimeSpan.FromMinutes(25), RepoPaths.Root);

        // Assert
        Assert.True(result.ExitCode == 0, $"{command}\n{result}");
        Assert.Contains($"quickstart.index -> {output}: 500 rows read, 500 written, digest {digest}, digest check passed", result.Output, StringComparison.Ordinal);
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "quickstart-output", "manifest.json")));
        Assert.Equal(digest, manifest.RootElement.GetProperty("files").EnumerateArray().Single().GetProperty("digest").GetString());
    }

    [Fact]
    public async Task JobFileReference_IsWhatListPluginsMarkdownPrints()
    {
        using var dir = new TempDirectory();
        ProcessResult generated = await ToolProcess.SucceedAsync(dir.Path, "list-plugins", "--markdown");

        string readme = Readme;
        int begin = readme.IndexOf('\n', readme.IndexOf(BeginReference, StringComparison.Ordinal)) + 1;
        int end = readme.IndexOf(EndReference, StringComparison.Ordinal);
        Assert.True(begin > 0 && end > begin, $"README.md lacks the {BeginReference} ... {EndReference} markers");
        string[] expected = generated.Output.TrimEnd('\n').Split('\n');
        string[] actual = readme[begin..end].TrimEnd('\n').Split('\n');
        int first = Enumerable.Range(0, Math.Max(expected.Length, actual.Length)).FirstOrDefault(i => i >= expected.Length || i >= actual.Length || expected[i] != actual[i], -1);
        if (first >= 0)
        {
            Assert.Fail($"""
                README.md's job-file reference differs from `milvusdm list-plugins --markdown` at line {first + 1} of the section:
                - README:    {(first < actual.Length ? actual[first] : "(end)")}
                + generated: {(first < expected.Length ? expected[first] : "(end)")}
                Regenerate it with: eng/update-readme.sh
                """);
        }
    }

    [Fact]
    public async Task Commands_EverySubcommandOfTheTool_IsDocumented()
    {
        using var dir = new TempDirectory();
        ProcessResult help = await ToolProcess.SucceedAsync(dir.Path, "--help");
        string commands = help.Output[help.Output.IndexOf("Commands:", StringComparison.Ordinal)..];
        string[] names = [.. SubcommandLine().Matches(commands).Select(m => m.Groups[1].Value)];

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Contains($"| `milvusdm {name} ", Readme, StringComparison.Ordinal));
    }

    [Fact]
    public void ExampleJobs_EveryFileInYamls_IsListed()
    {
        string table = Section(Readme, "### Example jobs");
        Assert.All(Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "yamls")), file => Assert.Contains($"`{Path.GetFileName(file)}`", table, StringComparison.Ordinal));
    }

    /// <summary>The text from <paramref name="heading"/> to the next heading of the same or a higher level.</summary>
    private static string Section(string markdown, string heading)
    {
        int start = markdown.IndexOf("\n" + heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no '{heading}' section");
        string level = heading[..(heading.IndexOf(' ', StringComparison.Ordinal) + 1)];
        int next = markdown.IndexOf("\n" + level, start + heading.Length + 1, StringComparison.Ordinal);
        return next < 0 ? markdown[start..] : markdown[start..next];
    }

    /// <summary>The command lines of the first <c>```sh</c> block (comments and blank lines left out).</summary>
    private static IEnumerable<string> ShellCommands(string section)
    {
        int open = section.IndexOf("```sh\n", StringComparison.Ordinal);
        Assert.True(open >= 0, "no ```sh block");
        int close = section.IndexOf("```", open + 6, StringComparison.Ordinal);
        return section[(open + 6)..close].Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
    }

    [GeneratedRegex(@"(?m)^  ([a-z][a-z-]+)\s")]
    private static partial Regex SubcommandLine();
}
