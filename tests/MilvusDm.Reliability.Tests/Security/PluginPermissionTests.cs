using System.Text.Json;
using MilvusDm.Reliability.Tests.Support;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Reliability.Tests.Security;

/// <summary>
/// A plugin whose root, folder or entry assembly other users can write (mode o+w) is refused with a warning naming
/// the path and the fix; the same copy with safe permissions is loaded (here: reported as shadowed by the built-in).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PluginPermissionTests
{
    private const string Plugin = "MilvusDm.Plugins.Discard";

    [Theory]
    [InlineData("folder")]
    [InlineData("entry assembly")]
    [InlineData("root")]
    public async Task A_plugin_writable_by_other_users_is_refused_with_a_warning(string writable)
    {
        using var home = new TempDirectory("milvusdm-plugin-mode");
        string root = home.Combine("plugins");
        string folder = Path.Combine(root, Plugin);
        Directory.CreateDirectory(folder);
        foreach (string file in Directory.EnumerateFiles(Path.Combine(Cli.PluginPath, Plugin)))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var environment = new Dictionary<string, string?> { ["MILVUSDM_PLUGIN_PATH"] = root };
        string safe = await ErrorOfCopyAsync(home.Path, environment, root);
        Assert.Contains("loaded first", safe, StringComparison.Ordinal);

        string target = writable switch
        {
            "folder" => folder,
            "entry assembly" => Path.Combine(folder, Plugin + ".dll"),
            _ => root,
        };
        File.SetUnixFileMode(target, File.GetUnixFileMode(target) | UnixFileMode.OtherWrite);
        string refused = await ErrorOfCopyAsync(home.Path, environment, root);
        Assert.Contains($"refused: {target} is writable by other users", refused, StringComparison.Ordinal);
        Assert.Contains("chmod o-w", refused, StringComparison.Ordinal);

        ProcessResult run = await ToolRun.RunAsync(home.Path, ["inspect", Path.Combine(RepoPaths.Root, "tests", "TestData", "faiss", "flat_l2.index")], TimeSpan.FromMinutes(1), environment);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"warning: plugin '{Plugin}'", run.Error, StringComparison.Ordinal);
        Assert.Contains("writable by other users", run.Error, StringComparison.Ordinal);
    }

    /// <summary>The load error list-plugins reports for the copy in <paramref name="root"/>.</summary>
    private static async Task<string> ErrorOfCopyAsync(string home, Dictionary<string, string?> environment, string root)
    {
        ProcessResult list = await ToolRun.RunAsync(home, ["list-plugins", "--json"], TimeSpan.FromMinutes(1), environment);
        Assert.True(list.ExitCode == 0, list.ToString());
        using JsonDocument document = JsonDocument.Parse(list.Output);
        string json = document.RootElement.GetRawText();
        JsonElement copy = Elements(document.RootElement).Single(e =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty("path", out JsonElement path) && path.GetString()!.StartsWith(root, StringComparison.Ordinal));
        return copy.TryGetProperty("error", out JsonElement error) ? error.GetString() ?? "" : throw new InvalidOperationException("no error for the copy: " + json);
    }

    private static IEnumerable<JsonElement> Elements(JsonElement element)
    {
        yield return element;
        IEnumerable<JsonElement> children = element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().Select(p => p.Value),
            JsonValueKind.Array => element.EnumerateArray(),
            _ => [],
        };
        foreach (JsonElement child in children.SelectMany(Elements))
        {
            yield return child;
        }
    }
}
