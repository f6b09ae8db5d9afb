using MilvusDm.Abstractions;

namespace CsvPlugin;

[PluginConfig]
public sealed partial class CsvSinkConfig
{
    [ConfigKey("dir", Required = true, Description = "Folder receiving one <collection>.csv per dataset.")]
    public string? Dir { get; set; }

    [ConfigKey("collection", Description = "File stem for every dataset (default: the source's suggested name).")]
    public string? Collection { get; set; }

    [ConfigKey("mode", Description = "What to do when the file exists.")]
    public WriteMode Mode { get; set; } = WriteMode.Skip;
}
