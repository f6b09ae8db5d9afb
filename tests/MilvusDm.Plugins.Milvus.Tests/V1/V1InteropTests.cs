using System.Text.Json;
using MilvusDm.Milvus.TestServer;

namespace MilvusDm.Plugins.Milvus.Tests.V1;

/// <summary>The Milvus 1.x Node SDK as a client of the test server in 1.x mode.</summary>
public sealed class V1InteropTests
{
    [Fact]
    public async Task Node_sdk_creates_inserts_flushes_and_reads_back_by_segment()
    {
        await using var server = await MilvusTestServer.StartAsync(new MilvusTestServerOptions { LegacyVersion = "1.1.1" });
        using var json = JsonDocument.Parse(NodeSdk.Run("node", NodeSdk.Script("v1/interop.js"), NodeSdkV1.Directory,
            $"127.0.0.1:{server.Uri.Port}", "from_sdk", "from_sdk"));
        var root = json.RootElement;
        Assert.Equal("1.1.1", root.GetProperty("version").GetString());
        Assert.Equal(["7", "3", "11"], root.GetProperty("inserted_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("4", root.GetProperty("schema").GetProperty("dimension").GetString());
        Assert.Equal("16", root.GetProperty("schema").GetProperty("index_file_size").GetString());
        Assert.Equal(2, root.GetProperty("schema").GetProperty("metric_type").GetInt32());
        Assert.Equal("3", root.GetProperty("count").GetString());

        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["7", "3", "11"], rows.Select(r => r.GetProperty("id").GetString()));
        Assert.All(rows, r => Assert.Equal("p1", r.GetProperty("partition").GetString()));
        Assert.Equal([0.5f, -1.5f, 2.25f, 8f], Vector(rows[1]));
        Assert.Equal([-0f, 1e-3f, 65504f, -2f], Vector(rows[2]));

        var stored = server.MilvusV1.FindCollection("from_sdk")!;
        Assert.True(stored.UserIds);
        Assert.Equal(["_default", "p1"], stored.Partitions.Select(p => p.Tag));
        Assert.Equal(rows[0].GetProperty("segment").GetString(), stored.Partitions[1].Segments.Single().Name);
        Assert.Equal(1, server.MilvusV1.CallCounts["Flush"]);
    }

    private static float[] Vector(JsonElement row) => row.GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()).ToArray();
}
