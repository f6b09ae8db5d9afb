using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.MilvusLegacy.Tests.Support;

/// <summary>Creates milvus-legacy sources the way the host does, and reads them whole.</summary>
internal static class Legacy
{
    public static IVectorSource Source(string yaml, TestLog log, IReadOnlyDictionary<string, string>? env = null) =>
        new MilvusLegacyPlugin().CreateSource(PluginConfigNode.FromYaml(yaml), Context(log, env));

    public static PluginContext Context(TestLog log, IReadOnlyDictionary<string, string>? env = null) =>
        new(log) { GetEnvironmentVariable = name => env?.GetValueOrDefault(name) };

    public static async Task<IReadOnlyList<DatasetInfo>> ListAsync(string yaml, TestLog? log = null)
    {
        await using IVectorSource source = Source(yaml, log ?? new TestLog());
        return await source.ListDatasetsAsync(CancellationToken.None);
    }

    public static async Task<ReadResult> ReadAsync(IVectorSource source, DatasetInfo dataset, int maxBatchBytes = 4 << 20, long startRow = 0)
    {
        var ids = new List<long>();
        using var vectors = new MemoryStream();
        var digests = default(DigestPair);
        int batches = 0;
        long expectedOrdinal = startRow;
        await foreach (VectorBatch batch in source.ReadAsync(dataset, new ReadOptions { MaxBatchBytes = maxBatchBytes, StartRow = startRow }, CancellationToken.None))
        {
            using (batch)
            {
                Assert.Equal(expectedOrdinal, batch.Ordinal);
                Assert.True(batch.VectorBytes <= Math.Max(maxBatchBytes, batch.BytesPerRow), $"batch of {batch.VectorBytes} bytes exceeds {maxBatchBytes}");
                expectedOrdinal += batch.Count;
                ids.AddRange(batch.Ids!.Value.ToArray());
                vectors.Write(batch.Vectors.Span);
                digests += RowDigester.Digest(batch);
                batches++;
            }
        }

        return new ReadResult([.. ids], vectors.ToArray(), digests, batches);
    }

    /// <summary>Lists the source and reads the one dataset named <paramref name="name"/>.</summary>
    public static async Task<ReadResult> ReadAsync(string yaml, string name, TestLog? log = null, int maxBatchBytes = 4 << 20, long startRow = 0)
    {
        await using IVectorSource source = Source(yaml, log ?? new TestLog());
        DatasetInfo dataset = (await source.ListDatasetsAsync(CancellationToken.None)).Single(d => d.Name == name);
        return await ReadAsync(source, dataset, maxBatchBytes, startRow);
    }
}
