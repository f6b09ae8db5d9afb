using MilvusDm.Abstractions;
using MilvusDm.Milvus.TestServer;
using MilvusDm.Plugins.Faiss;

namespace MilvusDm.Plugins.Milvus.Tests;

/// <summary>Runs source-to-sink copies the way the host does (open, write every batch, complete) and reads digests back.</summary>
internal static class Jobs
{
    public static string FaissFixture(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "faiss", name);

    public static PluginContext Context(TestLog log, IReadOnlyDictionary<string, string>? env = null) =>
        new(log) { GetEnvironmentVariable = name => env?.GetValueOrDefault(name) };

    public static IVectorSource Faiss(string fixture, TestLog log) =>
        new FaissPlugin().CreateSource(PluginConfigNode.FromYaml($"path: {FaissFixture(fixture)}\n"), Context(log));

    public static IVectorSink Sink(MilvusTestServer server, string yaml, TestLog log, IReadOnlyDictionary<string, string>? env = null) =>
        Sink(server.Uri.ToString(), yaml, log, env);

    public static IVectorSink Sink(string uri, string yaml, TestLog log, IReadOnlyDictionary<string, string>? env = null) =>
        new MilvusPlugin().CreateSink(PluginConfigNode.FromYaml($"uri: {uri}\n{yaml}"), Context(log, env));

    public static IVectorSource Source(MilvusTestServer server, string yaml, TestLog log) =>
        Source(server.Uri.ToString(), yaml, log);

    public static IVectorSource Source(string uri, string yaml, TestLog log, IReadOnlyDictionary<string, string>? env = null) =>
        new MilvusPlugin().CreateSource(PluginConfigNode.FromYaml($"uri: {uri}\n{yaml}"), Context(log, env));

    public static async Task<SinkDatasetResult> CopyAsync(IVectorSource source, IVectorSink sink, Func<DatasetSchema, DatasetSchema>? schema = null,
        int maxBatchBytes = 256, bool resuming = false, List<RowRange>? committed = null, VerifyLevel verify = VerifyLevel.Count)
    {
        var dataset = (await source.ListDatasetsAsync(CancellationToken.None)).Single();
        var target = new SinkTarget(dataset, schema?.Invoke(dataset.Schema) ?? dataset.Schema)
        {
            Resuming = resuming,
            Verify = verify,
            Committed = r => { lock (committed ?? []) { committed?.Add(r); } },
        };
        await sink.PlanAsync(target, CancellationToken.None);
        await using var writer = await sink.OpenAsync(target, CancellationToken.None);
        await foreach (var batch in source.ReadAsync(dataset, new ReadOptions { MaxBatchBytes = maxBatchBytes }, CancellationToken.None))
        {
            var sent = target.Schema.KeyType is null ? Strip(batch) : batch;
            await writer.WriteAsync(sent, CancellationToken.None);
        }

        return await writer.CompleteAsync(CancellationToken.None);
    }

    public static async Task<DigestPair> DigestAsync(IVectorSource source, DatasetInfo dataset, int maxBatchBytes = 300)
    {
        var total = default(DigestPair);
        await foreach (var batch in source.ReadAsync(dataset, new ReadOptions { MaxBatchBytes = maxBatchBytes }, CancellationToken.None))
        {
            using (batch)
            {
                total += RowDigester.Digest(batch);
            }
        }

        return total;
    }

    /// <summary>ids: auto — the rows go without keys.</summary>
    private static VectorBatch Strip(VectorBatch batch) =>
        new(batch.Ordinal, batch.Count, batch.BytesPerRow, batch.Vectors.ToArray(), scalars: batch.Scalars);
}
