using MilvusDm.Abstractions;
using MilvusDm.Milvus.TestServer;

namespace MilvusDm.Plugins.Milvus.Tests.V1;

/// <summary>
/// The live 1.x source: collections and partitions listed with their persisted rows, each segment read by
/// GetVectorIDs then GetVectorsByID, unflushed inserts flushed first, resume from a start row, M2M in every direction.
/// </summary>
public sealed class V1SourceTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Lists_one_dataset_per_partition_and_reads_each_segment_by_id()
    {
        var log = new TestLog();
        await using var server = await V1Jobs.StartAsync(segmentRows: 7);
        await Copy(server, "idmap_flat_l2.index", "collection: c\n", log);
        await Copy(server, "ivfflat_full.index", "collection: c\npartition: p\n", log);

        await using var source = Jobs.Source(server, "", log);
        var datasets = await source.ListDatasetsAsync(Ct);
        Assert.Equal(["c/_default", "c/p"], datasets.Select(d => d.Name));
        Assert.Equal([30L, 300L], datasets.Select(d => d.Rows ?? -1));
        Assert.Equal(["5", "43"], datasets.Select(d => d.Properties["segments"]));
        Assert.All(datasets, d => Assert.Equal(("1.x", "1.1.1", "L2", 8), (d.Properties["protocol"], d.Properties["server_version"], d.Schema.Metric, d.Schema.Vector.Dim)));
        Assert.Equal(FaissExpected.Of("idmap_flat_l2.index").Digest, (await Jobs.DigestAsync(source, datasets[0])).Digest.ToString());
        Assert.Equal(FaissExpected.Of("ivfflat_full.index").Digest, (await Jobs.DigestAsync(source, datasets[1])).Digest.ToString());
        Assert.Equal(5 + 43, server.MilvusV1.CallCounts["GetVectorIDs"]);
    }

    [Fact]
    public async Task Inserts_still_in_the_buffer_are_flushed_before_listing()
    {
        var log = new TestLog();
        await using var server = await V1Jobs.StartAsync();
        using (var client = V1Clients.Of(server))
        {
            await client.CreateCollectionAsync(new Protos.V1.CollectionSchema { CollectionName = "raw", Dimension = 2, IndexFileSize = 1024, MetricType = 2 }, Ct);
            var insert = new Protos.V1.InsertParam { CollectionName = "raw" };
            insert.RowRecordArray.Add(new Protos.V1.RowRecord { FloatData = { 1f, 2f } });
            insert.RowRecordArray.Add(new Protos.V1.RowRecord { FloatData = { -3f, 0.25f } });
            var ids = await client.InsertAsync(insert, Ct);
            Assert.Equal(2, ids.Count);
            Assert.Equal(0, await client.CountCollectionAsync("raw", Ct));
        }

        await using var source = Jobs.Source(server, "collections: [raw]\nper_partition: false\n", log);
        var dataset = (await source.ListDatasetsAsync(Ct)).Single();
        Assert.Equal((2L, "IP"), (dataset.Rows, dataset.Schema.Metric));
        var rows = new List<(long Id, float[] Vector)>();
        await foreach (var batch in source.ReadAsync(dataset, new ReadOptions(), Ct))
        {
            using (batch)
            {
                for (int i = 0; i < batch.Count; i++)
                {
                    rows.Add((batch.Ids!.Value.Span[i], System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(batch.VectorAt(i)).ToArray()));
                }
            }
        }

        Assert.Equal([[1f, 2f], [-3f, 0.25f]], rows.Select(r => r.Vector));
        Assert.Equal(2, rows.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task Resume_starts_at_the_start_row_across_segments()
    {
        var log = new TestLog();
        await using var server = await V1Jobs.StartAsync(segmentRows: 64);
        await Copy(server, "ivfflat_full.index", "collection: r\n", log);
        await using var source = Jobs.Source(server, "collections: [r]\nper_partition: false\n", log);
        var dataset = (await source.ListDatasetsAsync(Ct)).Single();
        var all = await Rows(source, dataset, 0);
        var tail = await Rows(source, dataset, 130);
        Assert.Equal(300, all.Count);
        Assert.Equal(all.Skip(130).Select(r => r.Id), tail.Select(r => r.Id));
        Assert.Equal(130, tail[0].Ordinal);
        Assert.Equal(Enumerable.Range(130, 170).Select(i => (long)i), tail.Select(r => r.Ordinal));
    }

    [Fact]
    public async Task Inspect_on_a_1x_uri_reports_protocol_1x_and_the_digests()
    {
        var log = new TestLog();
        await using var server = await V1Jobs.StartAsync();
        await Copy(server, "bin_idmap.index", "collection: i\npartition: p\n", log);
        await using var source = new MilvusPlugin().TryOpenForInspect(new InspectRequest(server.Uri.ToString()) { Collections = ["i"] }, Jobs.Context(log))!;
        var datasets = await source.ListDatasetsAsync(Ct);
        Assert.Equal(["i/_default", "i/p"], datasets.Select(d => d.Name));
        Assert.All(datasets, d => Assert.Equal("1.x", d.Properties["protocol"]));
        Assert.Equal(("binary", 64, "HAMMING", true), (datasets[1].Schema.Vector.Type.ToContractName(), datasets[1].Schema.Vector.Dim, datasets[1].Schema.Metric, datasets[1].Schema.HasIds));
        Assert.Equal(FaissExpected.Of("bin_idmap.index").Digest, (await Jobs.DigestAsync(source, datasets[1])).Digest.ToString());
    }

    [Fact]
    public async Task A_missing_collection_or_partition_exits_4_with_its_name()
    {
        var log = new TestLog();
        await using var server = await V1Jobs.StartAsync();
        await Copy(server, "idmap_flat_l2.index", "collection: here\n", log);
        await using var missing = Jobs.Source(server, "collections: [gone]\n", log);
        var ex = await Assert.ThrowsAsync<DestinationException>(async () => await missing.ListDatasetsAsync(Ct));
        Assert.Contains("Collection gone does not exist", ex.Message, StringComparison.Ordinal);
        await using var partition = Jobs.Source(server, "collections: [here/nope]\n", log);
        ex = await Assert.ThrowsAsync<DestinationException>(async () => await partition.ListDatasetsAsync(Ct));
        Assert.Contains("has no partition nope", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ServerError, ex.ExitCode);
    }

    [Theory]
    [InlineData("2.x", "1.x")]
    [InlineData("1.x", "2.x")]
    [InlineData("1.x", "1.x")]
    public async Task M2M_between_protocols_reproduces_the_source_digest(string from, string to)
    {
        var log = new TestLog();
        await using var source = from == "1.x" ? await V1Jobs.StartAsync(segmentRows: 50) : await MilvusTestServer.StartAsync();
        await using var destination = to == "1.x" ? await V1Jobs.StartAsync(segmentRows: 50) : await MilvusTestServer.StartAsync();
        await Copy(source, "ivfflat_full.index", "collection: m\npartition: p\nload: true\n", log);

        await using (var reader = Jobs.Source(source, "collections: [m/p]\n", log))
        await using (var sink = Jobs.Sink(destination, "mode: overwrite\n", log))
        {
            var result = await Jobs.CopyAsync(reader, sink, maxBatchBytes: 2000);
            Assert.Equal(300, result.RowsWritten);
            Assert.Equal("m/p", result.Destination[^3..]);
        }

        await using var check = Jobs.Source(destination, "collections: [m/p]\n", log);
        var dataset = (await check.ListDatasetsAsync(Ct)).Single();
        Assert.Equal(to, dataset.Properties["protocol"]);
        Assert.Equal(FaissExpected.Of("ivfflat_full.index").Digest, (await Jobs.DigestAsync(check, dataset)).Digest.ToString());
    }

    private static async Task Copy(MilvusTestServer server, string fixture, string yaml, TestLog log)
    {
        await using var faiss = Jobs.Faiss(fixture, log);
        await using var sink = Jobs.Sink(server, yaml, log);
        await Jobs.CopyAsync(faiss, sink);
    }

    private static async Task<List<(long Id, long Ordinal)>> Rows(IVectorSource source, DatasetInfo dataset, long startRow)
    {
        var rows = new List<(long, long)>();
        await foreach (var batch in source.ReadAsync(dataset, new ReadOptions { MaxBatchBytes = 400, StartRow = startRow }, Ct))
        {
            using (batch)
            {
                for (int i = 0; i < batch.Count; i++)
                {
                    rows.Add((batch.Ids!.Value.Span[i], batch.Ordinal + i));
                }
            }
        }

        return rows;
    }
}
