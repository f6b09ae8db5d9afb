using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Milvus;

/// <summary>The original jobs' <c>collection_parameter</c> map; kept for compatibility, checked against the source.</summary>
[PluginConfig]
public sealed partial class MilvusCollectionParameter
{
    [ConfigKey("dimension", Description = "Vector dimension; must equal the source's (checked, never used to reshape).")]
    public int? Dimension { get; set; }

    [ConfigKey("metric_type", Description = "Metric of the created index (same as the sink's metric key).")]
    public string? MetricType { get; set; }

    [ConfigKey("index_file_size", Description = "Segment size in MB of a collection created on a Milvus 1.x server (default 1024); ignored by 2.x servers.")]
    public long? IndexFileSize { get; set; }
}
