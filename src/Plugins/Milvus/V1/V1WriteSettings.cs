namespace MilvusDm.Plugins.Milvus.V1;

/// <summary>How one dataset is written into a 1.x server: request size, concurrency, retries, idempotency.</summary>
/// <param name="Tag">Partition tag; <c>_default</c> when the job names none.</param>
/// <param name="Binary">Vectors go as binary_data (binary collections) instead of float_data.</param>
/// <param name="SendIds">Every insert carries row_id_array (a 1.x collection takes ids on all inserts or on none).</param>
/// <param name="DeleteFirst">Resuming keyed rows: each request first deletes its ids, so rows stored by the interrupted run are not doubled.</param>
internal sealed record V1WriteSettings(string Collection, string Tag, bool Binary, bool SendIds, int BatchBytes, int InFlight, int MaxAttempts, bool DeleteFirst)
{
    /// <summary>
    /// A 1.x server refuses one insert above 256 MB (milvusdm-original.md 2.7); requests stay at half of it whatever
    /// batch_bytes says, as that limit counts the vector data and ours the whole message.
    /// </summary>
    public const int MaxRequestBytes = 128 * 1024 * 1024;

    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);
}
