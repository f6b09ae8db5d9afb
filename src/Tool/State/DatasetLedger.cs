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

    /// <summary>
    /// Rows handed to the sink, written before they are handed (ids: auto only): a resumed run re-sends the rows
    /// between the acknowledged prefix and this mark, which the destination may already hold under other keys.
    /// </summary>
    public long SentThrough { get; set; }

    /// <summary>ids: auto only: rows the resumed runs so far re-sent that may now be stored twice (an upper bound).</summary>
    public long MaybeDuplicated { get; set; }

    /// <summary>Acknowledged row ranges, as [start, end) pairs.</summary>
    public List<long[]> Committed { get; set; } = [];
}
