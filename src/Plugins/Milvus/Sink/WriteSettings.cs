namespace MilvusDm.Plugins.Milvus.Sink;

/// <summary>How one dataset is written: request size, concurrency, retries, idempotency.</summary>
internal sealed record WriteSettings(
    string Collection,
    string? Partition,
    string KeyName,
    string VectorName,
    bool SendKeys,
    int BatchBytes,
    int InFlight,
    int MaxAttempts,
    bool AlwaysUpsert)
{
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);
}
