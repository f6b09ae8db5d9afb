using System.Globalization;
using System.Text.Json;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Tool.Tests.Cli;

/// <summary>The tool as users get it: packed, installed with <c>dotnet tool install</c>, run by its command name.</summary>
[Collection(ThirdPartyPluginsCollection.Name)]
public sealed class PackagingTests(ThirdPartyPlugins plugins)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task InstalledTool_VersionAndListPlugins_WorkWithBuiltInAndThirdPartyPlugins()
    {
        // Arrange: pack and install into a private tool path.
        using var work = new TempDirectory("milvusdm-pack");
        string version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        await ProcessRunner.DotnetAsync(Timeout, RepoPaths.Root, "pack", "src/Tool/MilvusDm.Tool.csproj", "-c", RepoPaths.Configuration, "-o", work.Combine("packages"), $"-p:Version={version}");
        await ProcessRunner.DotnetAsync(Timeout, work.Path, "tool", "install", "milvusdm", "--tool-path", work.Combine("tools"), "--add-source", work.Combine("packages"), "--version", version);
        string tool = work.Combine("tools", "milvusdm");

        // Act
        ProcessResult versionResult = await ProcessRunner.RunAsync(tool, ["--version"], TimeSpan.FromMinutes(1));
        ProcessResult list = await ProcessRunner.RunAsync(tool, ["list-plugins", "--json"], TimeSpan.FromMinutes(1), environment: new Dictionary<string, string?> { ["MILVUSDM_PLUGIN_PATH"] = plugins.CsvRoot });

        // Assert
        Assert.True(versionResult.ExitCode == 0, versionResult.ToString());
        Assert.StartsWith(version, versionResult.Output.Trim(), StringComparison.Ordinal);
        Assert.True(list.ExitCode == 0, list.ToString());
        using JsonDocument json = JsonDocument.Parse(list.Output);
        JsonElement[] entries = json.RootElement.EnumerateArray().ToArray();
        string[] expectedBuiltIns = Directory.GetDirectories(Path.Combine(RepoPaths.Root, "src", "Plugins")).Select(Path.GetFileName).Select(n => "MilvusDm.Plugins." + n).Order(StringComparer.Ordinal).ToArray()!;
        JsonElement[] builtIns = entries.Where(e => e.GetProperty("builtin").GetBoolean()).ToArray();
        Assert.Equal(expectedBuiltIns, builtIns.Select(e => Path.GetFileNameWithoutExtension(e.GetProperty("path").GetString())).Distinct().Order(StringComparer.Ordinal));
        Assert.All(builtIns, e => Assert.True(e.GetProperty("error").ValueKind == JsonValueKind.Null, e.ToString()));
        Assert.All(builtIns, e => Assert.Contains(Path.Combine("tools", ".store"), e.GetProperty("path").GetString(), StringComparison.Ordinal));
        Assert.Contains(entries, e => e.GetProperty("name").GetString() == "csv" && !e.GetProperty("builtin").GetBoolean());
    }
}
