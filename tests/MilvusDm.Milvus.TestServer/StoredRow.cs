namespace MilvusDm.Milvus.TestServer;

/// <summary>One stored entity: its key (long or string), partition, write timestamp and values by field name (null = SQL-style null).</summary>
public sealed record StoredRow(object Pk, string Partition, ulong Timestamp, IReadOnlyDictionary<string, object?> Values);
