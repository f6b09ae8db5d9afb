using MilvusDm.Abstractions;
using MilvusDm.Milvus.TestServer;
using MilvusDm.Plugins.Hdf5;
using MilvusDm.Plugins.Milvus;

namespace MilvusDm.Reliability.Tests.Support;

/// <summary>Reads a destination back through the plugins themselves (Milvus source, HDF5 reader) and digests it.</summary>
internal static class ReadBack
{
    public static Task<DigestPair> CollectionAsync(MilvusTestServer server, string collection) =>
        DigestAsync(new MilvusPlugin().CreateSource(
            PluginConfigNode.FromYaml($"uri: {server.Uri}\ncollections: [{collection}]\nper_partition: false\n"), new PluginContext(new SilentLog())));

    public static Task<DigestPair> Hdf5Async(string file) =>
        DigestAsync(new Hdf5Plugin().CreateSource(PluginConfigNode.FromYaml($"paths: [{file}]\n"), new PluginContext(new SilentLog())));

    /// <summary>Every vector of a collection (as bytes, base64), for destinations whose keys Milvus assigned.</summary>
    public static async Task<List<string>> CollectionVectorsAsync(MilvusTestServer server, string collection)
    {
        var vectors = new List<string>();
        await using IVectorSource source = new MilvusPlugin().CreateSource(
            PluginConfigNode.FromYaml($"uri: {server.Uri}\ncollections: [{collection}]\nper_partition: false\n"), new PluginContext(new SilentLog()));
        foreach (DatasetInfo dataset in await source.ListDatasetsAsync(CancellationToken.None))
        {
            await foreach (VectorBatch batch in source.ReadAsync(dataset, new ReadOptions { MaxBatchBytes = 1 << 20 }, CancellationToken.None))
            {
                using (batch)
                {
                    for (int row = 0; row < batch.Count; row++)
                    {
                        vectors.Add(Convert.ToBase64String(batch.Vectors.Span.Slice(row * batch.BytesPerRow, batch.BytesPerRow)));
                    }
                }
            }
        }

        return vectors;
    }

    private static async Task<DigestPair> DigestAsync(IVectorSource source)
    {
        await using (source)
        {
            var total = default(DigestPair);
            foreach (DatasetInfo dataset in await source.ListDatasetsAsync(CancellationToken.None))
            {
                await foreach (VectorBatch batch in source.ReadAsync(dataset, new ReadOptions { MaxBatchBytes = 1 << 20 }, CancellationToken.None))
                {
                    using (batch)
                    {
                        total += RowDigester.Digest(batch);
                    }
                }
            }

            return total;
        }
    }
}
