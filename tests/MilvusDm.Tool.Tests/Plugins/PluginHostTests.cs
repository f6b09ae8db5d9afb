using System.Text.Json;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Tool.Tests.Plugins;

[Collection(ThirdPartyPluginsCollection.Name)]
public sealed class PluginHostTests(ThirdPartyPlugins plugins)
{
    [Fact]
    public async Task ListPlugins_Json_ListsThirdPartyPluginFromPluginPathWithItsConfigKeys()
    {
        // Act
        ProcessResult result = await InProcessCli.RunAsync(plugins.CsvRoot, "list-plugins", "--json");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument json = JsonDocument.Parse(result.Output);
        JsonElement csv = json.RootElement.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "csv");
        Assert.Equal("1.0.0", csv.GetProperty("version").GetString());
        Assert.Equal(["source", "sink"], csv.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(Path.Combine(plugins.CsvRoot, "CsvPlugin", "CsvPlugin.dll"), csv.GetProperty("path").GetString());
        Assert.False(csv.GetProperty("builtin").GetBoolean());
        Assert.Equal(JsonValueKind.Null, csv.GetProperty("error").ValueKind);
        JsonElement path = csv.GetProperty("config").EnumerateArray().Single(k => k.GetProperty("key").GetString() == "path");
        Assert.True(path.GetProperty("required").GetBoolean());
        Assert.Equal("string", path.GetProperty("type").GetString());
        JsonElement mode = csv.GetProperty("config").EnumerateArray().Single(k => k.GetProperty("key").GetString() == "mode");
        Assert.Equal("skip", mode.GetProperty("default").GetString());
        Assert.Equal("enum(skip|append|overwrite|replace)", mode.GetProperty("type").GetString());
    }

    [Fact]
    public async Task ListPlugins_TwoPluginsWithDifferentVersionsOfOneDependency_EachLoadsItsOwnCopy()
    {
        ProcessResult result = await InProcessCli.RunAsync(plugins.ProbeRoot, "list-plugins", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument json = JsonDocument.Parse(result.Output);
        string Describe(string name) => json.RootElement.EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).GetProperty("description").GetString()!;
        Assert.StartsWith("json=13.0.1", Describe("probeold"), StringComparison.Ordinal);
        Assert.EndsWith(Path.Combine("ProbeOld", "Newtonsoft.Json.dll"), Describe("probeold"), StringComparison.Ordinal);
        Assert.StartsWith("json=13.0.3", Describe("probenew"), StringComparison.Ordinal);
        Assert.EndsWith(Path.Combine("ProbeNew", "Newtonsoft.Json.dll"), Describe("probenew"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPlugins_BrokenPluginFolders_AreReportedWithReasonAndOthersStillLoad()
    {
        // Arrange: a root with the real plugin, a folder without its entry assembly, and a corrupt entry assembly.
        using var root = new TempDirectory();
        CopyDirectory(Path.Combine(plugins.CsvRoot, "CsvPlugin"), root.Combine("CsvPlugin"));
        Directory.CreateDirectory(root.Combine("Empty"));
        root.Write("Corrupt/Corrupt.dll", "this is not an assembly");

        // Act
        ProcessResult result = await InProcessCli.RunAsync(root.Path, "list-plugins", "--json");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument json = JsonDocument.Parse(result.Output);
        var byName = json.RootElement.EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(JsonValueKind.Null, byName["csv"].GetProperty("error").ValueKind);
        Assert.Contains("no entry assembly", byName["Empty"].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("BadImageFormatException", byName["Corrupt"].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("plugin 'Corrupt'", result.Error, StringComparison.Ordinal);
    }

    internal static void CopyDirectory(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
