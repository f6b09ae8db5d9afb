using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using MilvusDm.Abstractions;
using MilvusDm.Milvus.TestServer;

namespace MilvusDm.Plugins.Milvus.Tests;

/// <summary>
/// The official Node SDK talks to the test server: it describes and queries back a collection milvusdm wrote
/// (schema, count and every vector compared), and writes a collection that milvusdm's source then reads.
/// </summary>
public sealed class InteropTests
{
    [Fact]
    public async Task Node_sdk_reads_what_milvusdm_wrote_and_milvusdm_reads_what_the_sdk_wrote()
    {
        var log = new TestLog();
        await using var server = await MilvusTestServer.StartAsync();
        var expectedRows = new Dictionary<long, float[]>();
        await using (var faiss = Jobs.Faiss("idmap_flat_l2.index", log))
        {
            var dataset = (await faiss.ListDatasetsAsync(CancellationToken.None)).Single();
            await foreach (var batch in faiss.ReadAsync(dataset, new ReadOptions(), CancellationToken.None))
            {
                using (batch)
                {
                    for (int i = 0; i < batch.Count; i++)
                    {
                        expectedRows[batch.Ids!.Value.Span[i]] = MemoryMarshal.Cast<byte, float>(batch.VectorAt(i)).ToArray();
                    }
                }
            }
        }

        await using (var faiss = Jobs.Faiss("idmap_flat_l2.index", log))
        await using (var sink = Jobs.Sink(server, "collection: from_milvusdm\nload: true\n", log))
        {
            await Jobs.CopyAsync(faiss, sink);
        }

        string output = NodeSdk.Run("node", NodeSdk.Script("interop.js"), NodeSdk.Directory, $"127.0.0.1:{server.Uri.Port}", "from_milvusdm", "from_sdk");
        using var json = JsonDocument.Parse(output);
        var fields = json.RootElement.GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(["id", "embedding"], fields.Select(f => f.GetProperty("name").GetString()));
        Assert.Equal("Int64", fields[0].GetProperty("data_type").GetString());
        Assert.True(fields[0].GetProperty("is_primary_key").GetBoolean());
        Assert.False(fields[0].GetProperty("autoID").GetBoolean());
        Assert.Equal("FloatVector", fields[1].GetProperty("data_type").GetString());
        Assert.Equal("8", fields[1].GetProperty("dim").ToString());

        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(expectedRows.Count, rows.Count);
        foreach (var row in rows)
        {
            long id = long.Parse(row.GetProperty("id").GetString()!, CultureInfo.InvariantCulture);
            var vector = row.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            Assert.Equal(expectedRows[id], vector);
        }

        Assert.Equal("3", json.RootElement.GetProperty("insert_cnt").GetString());
        using (var client = TestServerFixture.Client(server))
        {
            await client.CreateIndexAsync(new Protos.Milvus.CreateIndexRequest { CollectionName = "from_sdk", FieldName = "embedding" }, CancellationToken.None);
        }

        await using var source = Jobs.Source(server, "collections: [from_sdk]\nper_partition: false\n", log);
        var sdkDataset = (await source.ListDatasetsAsync(CancellationToken.None)).Single();
        var read = new List<(long Id, float[] Vector)>();
        await foreach (var batch in source.ReadAsync(sdkDataset, new ReadOptions(), CancellationToken.None))
        {
            using (batch)
            {
                for (int i = 0; i < batch.Count; i++)
                {
                    read.Add((batch.Ids!.Value.Span[i], MemoryMarshal.Cast<byte, float>(batch.VectorAt(i)).ToArray()));
                }
            }
        }

        Assert.Equal([3L, 7L, 11L], read.Select(r => r.Id));
        Assert.Equal([0.5f, -1.5f, 2.25f, 8f], read[0].Vector);
        Assert.Equal([-0f, 1e-3f, 65504f, -2f], read[2].Vector);
    }

    [Fact]
    public async Task Node_sdk_resolves_the_alias_mode_replace_made_and_drives_the_alias_rpcs()
    {
        var log = new TestLog();
        await using var server = await MilvusTestServer.StartAsync();
        await using (var faiss = Jobs.Faiss("idmap_flat_l2.index", log))
        await using (var sink = Jobs.Sink(server, "collection: served\nmode: replace\nload: true\n", log))
        {
            await Jobs.CopyAsync(faiss, sink);
        }

        await using (var faiss = Jobs.Faiss("ivfflat_full.index", log))
        await using (var sink = Jobs.Sink(server, "collection: other\nload: true\n", log))
        {
            await Jobs.CopyAsync(faiss, sink);
        }

        string staging = server.Milvus.Inspect(dbs => dbs["default"].Aliases["served"]);
        string output = NodeSdk.Run("node", NodeSdk.Script("interop-alias.js"), NodeSdk.Directory, $"127.0.0.1:{server.Uri.Port}", "served", "other");
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(staging, root.GetProperty("collection_name").GetString());
        Assert.Equal(["served"], root.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(30, root.GetProperty("row_count").GetInt32());
        Assert.Equal("other", root.GetProperty("created_resolves_to").GetString());
        Assert.Equal(staging, root.GetProperty("altered_resolves_to").GetString());
        Assert.False(root.GetProperty("alias_exists_after_drop").GetBoolean());
        Assert.True(root.GetProperty("renamed_exists").GetBoolean());
        Assert.NotNull(server.Milvus.FindCollection("other_renamed"));
    }
}
