using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Jobs;

/// <summary>The job file's own top-level keys (besides <c>source</c> and <c>sink</c>).</summary>
[PluginConfig]
public sealed partial class JobSettings
{
    /// <summary>The keys bound here, for telling them apart from plugin keys in original files.</summary>
    public static readonly IReadOnlyList<string> Keys = ["verify", "batch", "ids", "nan_policy", "max_rows_per_second", "duplicate_ids"];

    /// <summary>Check after copying.</summary>
    [ConfigKey("verify", Description = "After copying, compare row counts (count), content digests (digest), or nothing (none).")]
    public VerifyMode Verify { get; set; } = VerifyMode.Count;

    /// <summary>Batch sizing.</summary>
    [ConfigKey("batch", Description = "Batch sizing.")]
    public BatchSettings Batch { get; set; } = new();

    /// <summary>Keys for id-less sources.</summary>
    [ConfigKey("ids", Description = "Keys for sources without ids: ordinal (client-assigned 0..n-1, idempotent) or auto (the destination assigns).")]
    public IdsMode Ids { get; set; } = IdsMode.Ordinal;

    /// <summary>NaN/infinity handling.</summary>
    [ConfigKey("nan_policy", Description = "Float vectors holding NaN or infinity: error (exit 3) or skip (drop and count).")]
    public NanPolicy NanPolicy { get; set; } = NanPolicy.Error;

    /// <summary>Source rows sharing an id.</summary>
    [ConfigKey("duplicate_ids", Description = "Source rows sharing an id (checked in bounded memory per destination): error (exit 3, the default) or keep-last (the last row of each id wins; earlier ones are dropped).")]
    public DuplicateIdPolicy DuplicateIds { get; set; } = DuplicateIdPolicy.Error;

    /// <summary>Rate limit.</summary>
    [ConfigKey("max_rows_per_second", Description = "Upper bound on rows sent per second; 0 = unlimited.")]
    public long MaxRowsPerSecond { get; set; }
}
