namespace MilvusDm.Tool.State;

/// <summary>What the ledger knows about one dataset of a job.</summary>
internal sealed class DatasetLedger
{
    /// <summary>The sink prepared the destination (the write mode was applied).</summary>
    public bool Prepared { get; set; }

    /// <summary>The sink completed the dataset: every row it was handed is durable.</summary>
    public bool Completed { get; set; }

    /// <summary>Rows read from the source (complete only when <see cref="Completed"/>).</summary>
    public long RowsRead { get; set; }

    /// <summary>Acknowledged row ranges, as [start, end) pairs.</summary>
    public List<long[]> Committed { get; set; } = [];
}
