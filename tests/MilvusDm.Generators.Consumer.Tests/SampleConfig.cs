using MilvusDm.Abstractions;

namespace MilvusDm.Generators.Consumer.Tests;

[PluginConfig]
[ExclusiveKeys("paths", "dir", OneRequired = true)]
public sealed partial class SampleConfig
{
    [ConfigKey("paths", Description = "Files to read.")]
    public List<string>? Paths { get; set; }

    [ConfigKey("dir", Description = "Folder to read.")]
    public string? Dir { get; set; }

    [ConfigKey("uri", Required = true, Description = "Server address.")]
    public string? Uri { get; set; }

    [ConfigKey("milvus_version", Aliases = ["milvus-version"], Description = "Informational.")]
    public string? MilvusVersion { get; set; }

    [ConfigKey("mode", Description = "Write mode.")]
    public SampleMode Mode { get; set; } = SampleMode.Append;

    [ConfigKey("verbose", Description = "More output.")]
    public bool Verbose { get; set; }

    [ConfigKey("batch_rows", Description = "Rows per batch.")]
    public int BatchRows { get; set; } = 1000;

    [ConfigKey("max_bytes", Description = "Bytes at most.")]
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    [ConfigKey("ratio", Description = "A ratio.")]
    public double Ratio { get; set; } = 0.5;

    [ConfigKey("limit", Description = "Optional limit.")]
    public int? Limit { get; set; }

    [ConfigKey("mysql", Description = "MySQL connection.")]
    public SampleMySqlConfig? MySql { get; set; }

    [ConfigKey("collections", Description = "Collection to partitions (empty = all).")]
    public Dictionary<string, List<string>?>? Collections { get; set; }

    [ConfigKey("replicas", Description = "More servers.")]
    public List<SampleMySqlConfig>? Replicas { get; set; }

    [ConfigKey("token", Secret = true, Description = "API token.")]
    public string? Token { get; set; }

    // No [ConfigKey]: the key is the property name in snake_case.
    public string? IndexType { get; set; }
}
