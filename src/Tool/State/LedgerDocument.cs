namespace MilvusDm.Tool.State;

/// <summary>The ledger file's content.</summary>
internal sealed class LedgerDocument
{
    public int Version { get; set; } = 1;

    public string Job { get; set; } = "";

    public string Identity { get; set; } = "";

    /// <summary><c>running</c> or <c>completed</c>; a completed ledger does not block the next run.</summary>
    public string Status { get; set; } = "running";

    public DateTimeOffset Updated { get; set; }

    public Dictionary<string, DatasetLedger> Datasets { get; set; } = new(StringComparer.Ordinal);
}
