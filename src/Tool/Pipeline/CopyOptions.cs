using MilvusDm.Abstractions;
using MilvusDm.Tool.Jobs;

namespace MilvusDm.Tool.Pipeline;

/// <summary>How one dataset is copied.</summary>
/// <param name="Read">Batch sizing and start row for the source.</param>
/// <param name="InFlight">Batches read ahead of the sink.</param>
/// <param name="ComputeDigest">Whether to digest the rows as they pass.</param>
/// <param name="NanPolicy">What to do with non-finite float vectors.</param>
/// <param name="AssignIdsFrom">For id-less sources with client-assigned keys: the key of ordinal 0; otherwise <c>null</c>.</param>
/// <param name="MaxRowsPerSecond">Rate limit, 0 = none.</param>
internal sealed record CopyOptions(ReadOptions Read, int InFlight, bool ComputeDigest, NanPolicy NanPolicy, long? AssignIdsFrom, long MaxRowsPerSecond)
{
    /// <summary>Called with the end ordinal of each batch before it is handed to the sink (write-ahead records).</summary>
    public Action<long>? BeforeSend { get; init; }

    /// <summary>Records the dataset's ids for the duplicate check, or drops rows later rows replace (keep-last).</summary>
    public Duplicates.DatasetIdFilter? Duplicates { get; init; }
}
