using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.MilvusLegacy.Tests;

public sealed class ManifestTests
{
    [Fact]
    public void Manifest_DeclaresTheContractKeysAndTheOriginalM2MAndM2HKeys()
    {
        var plugin = new MilvusLegacyPlugin();

        Assert.Equal("milvus-legacy", plugin.Manifest.Name);
        string[] keys = [.. plugin.Manifest.SourceConfig.Select(k => k.Key)];
        Assert.Subset(keys.ToHashSet(), new HashSet<string> { "path", "mysql", "mysql.host", "mysql.password", "collections", "include", "exclude", "secondary_paths" });
        foreach (string task in new[] { "M2M", "M2H" })
        {
            Assert.Equal(
                [("source_milvus_path", "path"), ("mysql_parameter", "mysql"), ("source_collection", "collections"), ("secondary_paths", "secondary_paths")],
                plugin.Manifest.OriginalKeys.Where(k => k.Task == task && k.Role == PluginRole.Source).Select(k => (k.OriginalKey, k.ConfigKey)));
        }
    }
}
