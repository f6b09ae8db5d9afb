using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Milvus.Tests.V1;

/// <summary>
/// The Milvus 1.x Node SDK as a client of the test server in 1.x mode: it reads back by segment what milvusdm wrote
/// (schema, count, every id and vector compared with the Faiss fixture), and writes a collection (partition, ids,
/// flush) that milvusdm's live 1.x source then reads.
/// </summary>
public sealed class V1InteropTests
{
    [Fact]
    public async Task Node_sdk_reads_what_milvusdm_wrote_and_milvusdm_reads_what_the_sdk_wrote()
    {
        var log = new TestLog();
        await using var server = await V1Jobs.StartAsync(segmentRows: 8);
        var expected = new Dictionary<long, float[]>();
        await using (var faiss = Jobs.Faiss("idmap_flat_l2.index", log))
        {
            var dataset = (await faiss.ListDatasetsAsync(CancellationToken.None)).Single();
            await foreach (var batch in faiss.ReadAsync(dataset, new ReadOptions(), CancellationToken.None))
            {
                using (batch)
                {
                    for (int i = 0; i < batch.Count; i++)
                    {
                        expected[batch.Ids!.Value.Span[i]] = MemoryMarshal.Cast<byte, float>(batch.VectorAt(i)).ToArray();
                    }
                }
            }
        }

        await using (var faiss = Jobs.Faiss("idmap_flat_l2.index", log))
        await using (var sink = Jobs.Sink(server, "collection: from_milvusdm\npartition: p0\ncollection_parameter:\n  index_file_size: 64\n", log))
        {
            await Jobs.CopyAsync(faiss, sink);
        }

        using var json = JsonDocument.Parse(NodeSdk.Run("node", NodeSdk.Script("v1/interop.js"), NodeSdkV1.Directory,
            $"127.0.0.1:{server.Uri.Port}", "from_milvusdm", "from_sdk"));
        var root = json.RootElement;
        Assert.Equal("1.1.1", root.GetProperty("version").GetString());
        Assert.Equal(("8", "64", 1), (root.GetProperty("schema").GetProperty("dimension").GetString(),
            root.GetProperty("schema").GetProperty("index_file_size").GetString(), root.GetProperty("schema").GetProperty("metric_type").GetInt32()));
        Assert.Equal("30", root.GetProperty("count").GetString());
        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(4, rows.Select(r => r.GetProperty("segment").GetString()).Distinct().Count());
        foreach (var row in rows)
        {
            Assert.Equal("p0", row.GetProperty("partition").GetString());
            long id = long.Parse(row.GetProperty("id").GetString()!, CultureInfo.InvariantCulture);
            Assert.Equal(expected[id], row.GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()).ToArray());
        }

        Assert.Equal(["7", "3", "11"], root.GetProperty("inserted_ids").EnumerateArray().Select(e => e.GetString()));
        var written = server.MilvusV1.FindCollection("from_sdk")!;
        Assert.Equal((true, 16L, 2), (written.UserIds!.Value, written.IndexFileSize, written.MetricType));

        await using var source = Jobs.Source(server, "collections: [from_sdk/p1]\n", log);
        var sdkDataset = (await source.ListDatasetsAsync(CancellationToken.None)).Single();
        Assert.Equal(("IP", 4, 3L), (sdkDataset.Schema.Metric, sdkDataset.Schema.Vector.Dim, sdkDataset.Rows));
        var read = new Dictionary<long, float[]>();
        await foreach (var batch in source.ReadAsync(sdkDataset, new ReadOptions(), CancellationToken.None))
        {
            using (batch)
            {
                for (int i = 0; i < batch.Count; i++)
                {
                    read[batch.Ids!.Value.Span[i]] = MemoryMarshal.Cast<byte, float>(batch.VectorAt(i)).ToArray();
                }
            }
        }

        Assert.Equal([3L, 7L, 11L], read.Keys.Order());
        Assert.Equal([1f, 2f, 3f, 4f], read[7]);
        Assert.Equal([0.5f, -1.5f, 2.25f, 8f], read[3]);
        Assert.Equal([-0f, 1e-3f, 65504f, -2f], read[11]);
        Assert.True(float.IsNegative(read[11][0]));
    }
}
