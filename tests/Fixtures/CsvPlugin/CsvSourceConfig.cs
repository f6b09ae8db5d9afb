using MilvusDm.Abstractions;

namespace CsvPlugin;

[PluginConfig]
public sealed partial class CsvSourceConfig
{
    [ConfigKey("path", Required = true, Description = "CSV file: one row per line, 'id,v1,v2,...' (or 'v1,v2,...' with has_ids: false).")]
    public string? Path { get; set; }

    [ConfigKey("has_ids", Description = "Whether the first column is an int64 id.")]
    public bool HasIds { get; set; } = true;

    [ConfigKey("metric", Description = "Metric to declare for the vectors.")]
    public string Metric { get; set; } = "L2";
}
