namespace MilvusDm.Milvus.TestServer;

/// <summary>One stored entity: its partition, write timestamp and values by field name (null = SQL-style null).</summary>
public sealed record StoredRow(long Pk, string Partition, ulong Timestamp, IReadOnlyDictionary<string, object?> Values);
