using System.Text.Json;
using MilvusDm.EndToEnd.Tests.Support;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.EndToEnd.Tests.Docs;

/// <summary><c>milvusdm list-plugins</c> is a reference in itself: every key of every built-in plugin, fully described.</summary>
public sealed class ListPluginsTests
{
    [Fact]
    public async Task Text_ShowsEveryKeyOfEveryBuiltInPlugin_WithTypeDefaultAndDescription()
    {
        using var dir = new TempDirectory();
        ProcessResult json = await ToolProcess.SucceedAsync(dir.Path, "list-plugins", "--json");
        ProcessResult text = await ToolProcess.SucceedAsync(dir.Path, "list-plugins");

        using JsonDocument plugins = JsonDocument.Parse(json.Output);
        JsonElement[] builtIn = [.. plugins.RootElement.EnumerateArray().Where(p => p.GetProperty("builtin").GetBoolean())];
        Assert.Equal(["discard", "faiss", "hdf5", "milvus", "milvus-legacy"], builtIn.Select(p => p.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        string[] lines = text.Output.Split('\n');
        foreach (JsonElement plugin in builtIn)
        {
            Assert.True(plugin.GetProperty("error").ValueKind == JsonValueKind.Null, plugin.ToString());
            foreach (JsonElement key in plugin.GetProperty("config").EnumerateArray())
            {
                string requirement = key.GetProperty("required").GetBoolean() ? "required"
                    : key.GetProperty("default").GetString() is { } value ? $"default {value}" : "optional";
                string line = $"  {key.GetProperty("role").GetString()}.{key.GetProperty("key").GetString()}";
                Assert.Contains(lines, l => l.StartsWith(line, StringComparison.Ordinal)
                    && l.Contains($": {key.GetProperty("type").GetString()}, {requirement}. {key.GetProperty("description").GetString()}", StringComparison.Ordinal));
            }
        }
    }
}
