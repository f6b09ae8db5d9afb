using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Jobs;

/// <summary>The <c>batch</c> section: how big the pipeline's batches are and how many are in flight.</summary>
[PluginConfig]
public sealed partial class BatchSettings
{
    /// <summary>Upper bound of one batch's vector payload.</summary>
    [ConfigKey("bytes", Description = "Upper bound of one batch's vector payload in bytes.")]
    public int Bytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Batches read ahead of the sink (back-pressure bound).</summary>
    [ConfigKey("in_flight", Description = "Batches read ahead of the sink; reading pauses when this many wait.")]
    public int InFlight { get; set; } = 4;
}
