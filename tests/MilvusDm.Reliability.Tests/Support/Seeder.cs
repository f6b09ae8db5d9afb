using MilvusDm.Abstractions;
using MilvusDm.Milvus.TestServer;
using MilvusDm.Plugins.Hdf5;
using MilvusDm.Plugins.Milvus;

namespace MilvusDm.Reliability.Tests.Support;

/// <summary>Fills a test-server collection in-process: an HDF5 file through the HDF5 source into the Milvus sink.</summary>
internal static class Seeder
{
    public static async Task CopyAsync(MilvusTestServer server, string hdf5File, string sinkYaml)
    {
        var context = new PluginContext(new SilentLog());
        await using IVectorSource source = new Hdf5Plugin().CreateSource(PluginConfigNode.FromYaml($"paths: [{hdf5File}]\n"), context);
        await using IVectorSink sink = new MilvusPlugin().CreateSink(PluginConfigNode.FromYaml($"uri: {server.Uri}\n{sinkYaml}"), context);
        DatasetInfo dataset = (await source.ListDatasetsAsync(CancellationToken.None)).Single();
        var target = new SinkTarget(dataset, dataset.Schema);
        await sink.PlanAsync(target, CancellationToken.None);
        await using IDatasetWriter writer = await sink.OpenAsync(target, CancellationToken.None);
        await foreach (VectorBatch batch in source.ReadAsync(dataset, new ReadOptions { MaxBatchBytes = 1 << 20 }, CancellationToken.None))
        {
            await writer.WriteAsync(batch, CancellationToken.None);
        }

        await writer.CompleteAsync(CancellationToken.None);
    }
}
