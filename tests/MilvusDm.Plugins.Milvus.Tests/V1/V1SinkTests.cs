using MilvusDm.Abstractions;
using MilvusDm.Milvus.TestServer;

namespace MilvusDm.Plugins.Milvus.Tests.V1;

/// <summary>
/// F2M and H2M jobs into the test server in 1.x mode: real Faiss and HDF5 fixtures through their plugins, the Milvus
/// sink detecting the 1.x protocol, then the live 1.x source reading the collection back; the digests must equal the
/// ones the fixture scripts computed with real Faiss and h5py.
/// </summary>
public sealed class V1SinkTests
{
    [Theory]
    [InlineData("idmap_flat_l2.index", 1)]
    [InlineData("ivfflat_full.index", 1)]
    [InlineData("idmap2_flat_ip.index", 2)]
    [InlineData("bin_idmap.index", 3)]
    public async Task F2M_keyed_source_reproduces_the_source_digest(string fixture, int metricType)
    {
        var log = new TestLog();
        await using var server = await V1Jobs.StartAsync(segmentRows: 64);
        await using var faiss = Jobs.Faiss(fixture, log);
        await using var sink = Jobs.Sink(server, "collection: c\nbatch_bytes: 1024\n", log);
        var result = await Jobs.CopyAsync(faiss, sink);
        var expected = FaissExpected.Of(fixture);
        Assert.Equal(expected.Rows, result.RowsWritten);
        Assert.Equal("1.x", result.Properties["protocol"]);
        Assert.Equal(expected.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Properties["count_after"]);

        var stored = server.MilvusV1.FindCollection("c")!;
        Assert.Equal(metricType, stored.MetricType);
        Assert.Equal(1024, stored.IndexFileSize);
        Assert.True(stored.UserIds);
        Assert.Equal(0, stored.DuplicateIds);
        Assert.Equal((int)Math.Ceiling(expected.Rows / 64.0), stored.Partitions.Single().Segments.Count);
        Assert.True(server.MilvusV1.CallCounts["Insert"] >= (metricType < 3 ? 2 : 1));
        Assert.False(server.Milvus.CallCounts.ContainsKey("Insert"));

        await using var source = Jobs.Source(server, "collections: [c]\nper_partition: false\n", log);
        var dataset = (await source.ListDatasetsAsync(CancellationToken.None)).Single();
        Assert.Equal("1.x", dataset.Properties["protocol"]);
        Assert.Equal(expected.Rows, dataset.Rows);
        var digest = await Jobs.DigestAsync(source, dataset);
        Assert.Equal(expected.Rows, digest.Rows);
        Assert.Equal(expected.Digest, digest.Digest.ToString());
        Assert.Equal(expected.VectorsDigest, digest.VectorsDigest.ToString());
    }

    [Theory]
    [InlineData("default_contiguous.h5")]
    [InlineData("latest_fixed_array_paged.h5")]
    [InlineData("uint8_binary.h5")]
    public async Task H2M_keyed_source_reproduces_the_source_digest(string fixture)
    {
        var log = new TestLog();
        await using var server = await V1Jobs.StartAsync(segmentRows: 500);
        await using (var hdf5 = V1Jobs.Hdf5(fixture, log))
        await using (var sink = Jobs.Sink(server, "collection: h\n", log))
        {
            await Jobs.CopyAsync(hdf5, sink, maxBatchBytes: 4096);
        }

        var expected = V1Jobs.Hdf5Expected(fixture);
        await using var source = Jobs.Source(server, "collections: [h]\nper_partition: false\n", log);
        var dataset = (await source.ListDatasetsAsync(CancellationToken.None)).Single();
        var digest = await Jobs.DigestAsync(source, dataset, maxBatchBytes: 1000);
        Assert.Equal(expected.Rows, digest.Rows);
        Assert.Equal(expected.Digest, digest.Digest.ToString());
        Assert.Equal(expected.VectorsDigest, digest.VectorsDigest.ToString());
    }

    [Theory]
    [InlineData("flat_l2.index")]
    [InlineData("bin_flat.index")]
    public async Task Ids_auto_lets_the_server_assign_ids_and_reproduces_the_vectors_digest(string fixture)
    {
        var log = new TestLog();
        await using var server = await V1Jobs.StartAsync();
        await using (var faiss = Jobs.Faiss(fixture, log))
        await using (var sink = Jobs.Sink(server, "collection: auto\n", log))
        {
            await Jobs.CopyAsync(faiss, sink, schema => schema with { KeyType = null });
        }

        Assert.False(server.MilvusV1.FindCollection("auto")!.UserIds);
        await using var source = Jobs.Source(server, "collections: [auto]\n", log);
        var dataset = (await source.ListDatasetsAsync(CancellationToken.None)).Single(d => d.Partition == "_default");
        var digest = await Jobs.DigestAsync(source, dataset);
        Assert.Equal(FaissExpected.Of(fixture).VectorsDigest, digest.VectorsDigest.ToString());
        Assert.Equal(FaissExpected.Of(fixture).Rows, digest.Rows);
    }

    [Fact]
    public async Task Modes_skip_append_overwrite_and_partitions_by_tag()
    {
        var log = new TestLog();
        await using var server = await V1Jobs.StartAsync();
        long Rows(string? tag = null) => server.MilvusV1.Inspect(c => c["m"].PersistedRowsOf(tag).LongCount());
        async Task<SinkDatasetResult> Run(string yaml)
        {
            await using var faiss = Jobs.Faiss("idmap_flat_l2.index", log);
            await using var sink = Jobs.Sink(server, yaml, log);
            return await Jobs.CopyAsync(faiss, sink);
        }

        Assert.Equal(30, (await Run("collection: m\n")).RowsWritten);
        Assert.True((await Run("collection: m\nmode: skip\n")).Skipped);
        Assert.Equal(30, Rows());
        await Run("collection: m\nmode: overwrite\n");
        Assert.Equal(30, Rows());

        await Run("collection: m\npartition: p1\n");
        Assert.Equal(30, Rows("p1"));
        Assert.Equal(60, Rows());
        await Run("collection: m\npartition: p1\nmode: overwrite\n"); // drops and refills only p1
        Assert.Equal(60, Rows());
        Assert.True((await Run("collection: m\npartition: p1\nmode: skip\n")).Skipped);
        Assert.Equal(30, (await Run("collection: m\npartition: p2\nmode: skip\n")).RowsWritten); // a missing partition is written even in skip
        Assert.Equal(["_default", "p1", "p2"], server.MilvusV1.FindCollection("m")!.Partitions.Select(p => p.Tag));

        // append of the same ids stores them again (1.x does not de-duplicate); the count check still holds
        await Run("collection: m\n");
        Assert.Equal(120, Rows());
    }

    [Fact]
    public async Task Collection_parameter_sets_index_file_size_and_metric()
    {
        var log = new TestLog();
        await using var server = await V1Jobs.StartAsync();
        await using var faiss = Jobs.Faiss("idmap_flat_l2.index", log);
        await using var sink = Jobs.Sink(server, "collection: p\ncollection_parameter:\n  dimension: 8\n  metric_type: IP\n  index_file_size: 256\n", log);
        await Jobs.CopyAsync(faiss, sink);
        var stored = server.MilvusV1.FindCollection("p")!;
        Assert.Equal((8L, 256L, 2), (stored.Dimension, stored.IndexFileSize, stored.MetricType));
    }

    [Fact]
    public async Task Existing_collection_with_another_dimension_is_refused_before_any_row()
    {
        var log = new TestLog();
        await using var server = await V1Jobs.StartAsync();
        using (var client = V1Clients.Of(server))
        {
            await client.CreateCollectionAsync(new Protos.V1.CollectionSchema { CollectionName = "d", Dimension = 16, IndexFileSize = 1024, MetricType = 1 }, CancellationToken.None);
        }

        await using var faiss = Jobs.Faiss("idmap_flat_l2.index", log);
        await using var sink = Jobs.Sink(server, "collection: d\n", log);
        var ex = await Assert.ThrowsAsync<DestinationException>(() => Jobs.CopyAsync(faiss, sink));
        Assert.Contains("dim 16", ex.Message, StringComparison.Ordinal);
        Assert.Contains("dim 8", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ServerError, ex.ExitCode);
        Assert.False(server.MilvusV1.CallCounts.ContainsKey("Insert"));
    }

    [Fact]
    public async Task What_1x_cannot_store_is_refused_before_anything_is_created()
    {
        var log = new TestLog();
        await using var server = await V1Jobs.StartAsync();
        async Task<Exception> Refusal(string yaml, Func<DatasetSchema, DatasetSchema>? schema = null)
        {
            await using var faiss = Jobs.Faiss("idmap_flat_l2.index", log);
            await using var sink = Jobs.Sink(server, yaml, log);
            return await Assert.ThrowsAnyAsync<MilvusDmException>(() => Jobs.CopyAsync(faiss, sink, schema));
        }

        var cosine = await Refusal("collection: x\nmetric: COSINE\n");
        Assert.IsType<ConfigException>(cosine);
        Assert.Contains("COSINE does not exist in Milvus 1.x", cosine.Message, StringComparison.Ordinal);
        Assert.IsType<ConfigException>(await Refusal("collection: x\nmode: replace\n"));
        var half = await Refusal("collection: x\n", s => s with { Vector = new VectorField("embedding", VectorType.Float16, 8) });
        Assert.Contains("float32 and binary vectors only", half.Message, StringComparison.Ordinal);
        var scalars = await Refusal("collection: x\n", s => s with { Scalars = [new ScalarField("title", ScalarType.VarChar, 64, false)] });
        Assert.Contains("scalar fields title", scalars.Message, StringComparison.Ordinal);
        Assert.Empty(server.MilvusV1.Inspect(c => c.Keys.ToList()));
    }

    [Theory]
    [InlineData(FaultKind.Unavailable)]
    [InlineData(FaultKind.StoreThenFail)]
    [InlineData(FaultKind.StoreThenDrop)]
    [InlineData(FaultKind.DropConnection)]
    public async Task Faults_end_with_the_same_digest_and_no_duplicate_ids(FaultKind kind)
    {
        var log = new TestLog();
        var faults = new FaultPlan(0.4, [kind]) { MaxFaults = 20 };
        await using var server = await V1Jobs.StartAsync(faults: faults);
        await using (var faiss = Jobs.Faiss("ivfflat_full.index", log))
        await using (var sink = Jobs.Sink(server, "collection: f\nbatch_bytes: 1500\nin_flight: 4\n", log))
        {
            var committed = new List<RowRange>();
            var result = await Jobs.CopyAsync(faiss, sink, committed: committed);
            Assert.Equal(300, result.RowsWritten);
            Assert.Equal(300, committed.Sum(r => r.Count));
        }

        Assert.True(faults.Injected > 0);
        Assert.Equal(0, server.MilvusV1.FindCollection("f")!.DuplicateIds);
        await using var source = Jobs.Source(server, "collections: [f]\nper_partition: false\n", log);
        var digest = await Jobs.DigestAsync(source, (await source.ListDatasetsAsync(CancellationToken.None)).Single());
        Assert.Equal(FaissExpected.Of("ivfflat_full.index").Digest, digest.Digest.ToString());
    }

    [Fact]
    public async Task Requests_stay_under_the_insert_size_limit_and_oversized_messages_are_split()
    {
        var log = new TestLog();
        await using var server = await V1Jobs.StartAsync(maxReceiveBytes: 3000);
        server.MilvusV1.MaxInsertBytes = 2048; // vector bytes one Insert may carry here
        await using (var faiss = Jobs.Faiss("ivfflat_full.index", log))
        await using (var sink = Jobs.Sink(server, "collection: s\nbatch_bytes: 2048\n", log))
        {
            Assert.Equal(300, (await Jobs.CopyAsync(faiss, sink, maxBatchBytes: 1 << 20)).RowsWritten);
        }

        await using (var faiss = Jobs.Faiss("ivfflat_full.index", log))
        await using (var sink = Jobs.Sink(server, "collection: s2\nbatch_bytes: 100000\n", log))
        {
            server.MilvusV1.MaxInsertBytes = long.MaxValue; // only the 3000-byte message limit: RESOURCE_EXHAUSTED, then halves
            Assert.Equal(300, (await Jobs.CopyAsync(faiss, sink, maxBatchBytes: 1 << 20)).RowsWritten);
        }

        Assert.Equal(300, server.MilvusV1.FindCollection("s")!.PersistedRows);
        Assert.Equal(300, server.MilvusV1.FindCollection("s2")!.PersistedRows);
    }

    [Fact]
    public async Task A_server_that_loses_acknowledged_rows_fails_the_count_check_with_exit_5()
    {
        var log = new TestLog();
        await using var server = await V1Jobs.StartAsync();
        server.MilvusV1.FlushLosesRows = 2;
        await using var faiss = Jobs.Faiss("idmap_flat_l2.index", log);
        await using var sink = Jobs.Sink(server, "collection: lost\n", log);
        var ex = await Assert.ThrowsAsync<VerificationException>(() => Jobs.CopyAsync(faiss, sink));
        Assert.Equal(ExitCodes.VerificationFailed, ex.ExitCode);
        Assert.Contains("grew by 28 rows but 30 were written", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resuming_deletes_then_inserts_keyed_rows_so_none_is_stored_twice()
    {
        var log = new TestLog();
        await using var server = await V1Jobs.StartAsync();
        for (int run = 0; run < 2; run++)
        {
            await using var faiss = Jobs.Faiss("idmap_flat_l2.index", log);
            await using var sink = Jobs.Sink(server, "collection: r\n", log);
            await Jobs.CopyAsync(faiss, sink, resuming: run == 1);
        }

        var stored = server.MilvusV1.FindCollection("r")!;
        Assert.Equal(30, stored.PersistedRows);
        Assert.Equal(0, stored.DuplicateIds);
        Assert.True(server.MilvusV1.CallCounts["DeleteByID"] > 0);
    }

    [Fact]
    public async Task The_destination_reads_back_as_one_dataset_for_digest_verification()
    {
        var log = new TestLog();
        await using var server = await V1Jobs.StartAsync();
        await using var faiss = Jobs.Faiss("bin_idmap.index", log);
        await using var sink = (IReadableSink)Jobs.Sink(server, "collection: v\npartition: p\n", log);
        var dataset = (await faiss.ListDatasetsAsync(CancellationToken.None)).Single();
        var target = new SinkTarget(dataset, dataset.Schema);
        Assert.Null(await sink.OpenDestinationAsync(target, CancellationToken.None));
        await Jobs.CopyAsync(faiss, sink);

        await using var destination = (await sink.OpenDestinationAsync(target, CancellationToken.None))!;
        var read = (await destination.ListDatasetsAsync(CancellationToken.None)).Single();
        Assert.Equal("v/p", read.Name);
        Assert.Equal(FaissExpected.Of("bin_idmap.index").Digest, (await Jobs.DigestAsync(destination, read)).Digest.ToString());
    }
}
