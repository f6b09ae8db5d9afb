using System.Text.Json;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5.Tests;

/// <summary>Files written by the sink, read back by real h5py and h5dump and by this plugin: same values, same digests.</summary>
public sealed class SinkRoundTripTests
{
    private static readonly PluginContext s_context = new(new TestLog());

    [Theory]
    [InlineData("default_contiguous", "<f4", "ids")]
    [InlineData("float64_chunked", "<f4", "ids")]
    [InlineData("big_endian_ids", "<f4", "ids")]
    [InlineData("uint8_binary", "|u1", "ids")]
    [InlineData("fixed_strings", "|u1", "ids")]
    [InlineData("default_no_ids", "<f4", null)]
    [InlineData("ann_angular", "<f4", null)]
    [InlineData("latest_btree2_deep", "<f4", "ids")]
    public async Task Written_file_reads_back_identically_in_h5py_h5dump_and_this_reader(string fixture, string dtype, string? ids)
    {
        using var temp = new TempDirectory();
        (ReadAll source, SinkDatasetResult result, List<RowRange> committed) = await Export(fixture, temp.Path, batchRows: 7);
        string file = Path.Combine(temp.Path, fixture, "_default.h5");
        Assert.Equal(file, result.Destination);
        Assert.Equal(source.Info.Rows, result.RowsWritten);
        Assert.Equal([new RowRange(0, (int)source.Info.Rows!.Value)], committed);
        Assert.False(File.Exists(file + ".partial"));

        JsonElement h5py = ReferenceTools.H5pyReadBack(file);
        Assert.Equal(dtype, h5py.GetProperty("dtype").GetString());
        int columns = source.Info.Schema.Vector.Type == VectorType.Binary ? source.Info.Schema.Vector.Dim / 8 : source.Info.Schema.Vector.Dim;
        Assert.Equal([source.Info.Rows.Value, columns], h5py.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()));
        Assert.Equal(source.Digests.Digest.ToString(), h5py.GetProperty("digest").GetString());
        Assert.Equal(source.Digests.VectorsDigest.ToString(), h5py.GetProperty("vectors_digest").GetString());
        Assert.Equal(ids is null ? ["embeddings"] : ["embeddings", "ids"], h5py.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        if (ids is not null)
        {
            Assert.Equal("<i8", h5py.GetProperty("ids_dtype").GetString());
        }

        JsonElement attrs = h5py.GetProperty("attrs");
        Assert.Equal(source.Info.Schema.Vector.Dim, attrs.GetProperty("dimension").GetInt64());
        Assert.Equal(source.Info.Schema.Metric ?? (source.Info.Schema.Vector.Type == VectorType.Binary ? "HAMMING" : "L2"), attrs.GetProperty("metric").GetString());
        Assert.Equal(Fixtures.PathOf(fixture), attrs.GetProperty("source").GetString());

        // h5dump (libhdf5's own tool) exports exactly the bytes the source produced.
        Assert.Equal(source.Vectors, ReferenceTools.H5dumpBinary(file, "embeddings", temp.Path));
        if (ids is not null)
        {
            byte[] idBytes = ReferenceTools.H5dumpBinary(file, "ids", temp.Path);
            Assert.Equal(source.Ids!, Enumerable.Range(0, source.Ids!.Length).Select(i => BitConverter.ToInt64(idBytes, i * 8)));
        }

        // And this plugin's reader gets the same rows, digest and metric back.
        await using var reread = new Hdf5Source([file], null, null);
        ReadAll back = await ReadAll.From(reread);
        Assert.Equal(source.Vectors, back.Vectors);
        Assert.Equal(source.Digests, back.Digests);
        Assert.Equal(source.Info.Schema.Vector, back.Info.Schema.Vector);

        // manifest.json and the re-import job.
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Path, "manifest.json")));
        JsonElement entry = Assert.Single(manifest.RootElement.GetProperty("files").EnumerateArray());
        Assert.Equal($"{fixture}/_default.h5", entry.GetProperty("file").GetString());
        Assert.Equal(source.Info.Rows, entry.GetProperty("rows").GetInt64());
        Assert.Equal(source.Digests.Digest.ToString(), entry.GetProperty("digest").GetString());
        Assert.Equal(ids is null ? source.Digests.VectorsDigest.ToString() : null, entry.GetProperty("vectors_digest").GetString());
        string job = File.ReadAllText(Path.Combine(temp.Path, fixture, "_default.yaml"));
        Assert.Contains("H2M:", job, StringComparison.Ordinal);
        Assert.Contains($"    - '{file}'", job, StringComparison.Ordinal);
        Assert.Contains($"dest_collection_name: '{fixture}'", job, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("default_many_chunks")]
    [InlineData("latest_fixed_array_paged")]
    public async Task Large_batches_hashed_in_parallel_parts_give_the_digest_h5py_computes(string fixture)
    {
        using var temp = new TempDirectory();
        (ReadAll source, _, _) = await Export(fixture, temp.Path, batchRows: 1500);
        string file = Path.Combine(temp.Path, fixture, "_default.h5");
        JsonElement h5py = ReferenceTools.H5pyReadBack(file);
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Path, "manifest.json")));
        JsonElement entry = Assert.Single(manifest.RootElement.GetProperty("files").EnumerateArray());
        Assert.Equal(h5py.GetProperty("digest").GetString(), entry.GetProperty("digest").GetString());
        Assert.Equal(Fixtures.All[fixture].Digest, entry.GetProperty("digest").GetString());
        Assert.Equal(source.Digests.Digest.ToString(), entry.GetProperty("digest").GetString());
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 0)]
    [InlineData(false, 123_456)]
    public void A_batch_digested_in_parts_equals_the_whole_batch_digested_at_once(bool ids, long ordinal)
    {
        const int rows = 5003;
        const int dim = 6;
        var random = new Random(7);
        byte[] vectors = new byte[rows * dim * 4];
        random.NextBytes(vectors);
        long[] keys = [.. Enumerable.Range(0, rows).Select(_ => random.NextInt64())];
        var batch = new VectorBatch(ordinal, rows, dim * 4, vectors, ids ? keys : default);
        Assert.Equal(RowDigester.Digest(batch), BatchDigest.Of(batch));
    }

    [Fact]
    public async Task Empty_dataset_is_a_valid_file()
    {
        using var temp = new TempDirectory();
        var info = new DatasetInfo("empty", DatasetSchema.Of(VectorType.Float32, 4, KeyType.Int64, "IP"), 0) { SuggestedCollection = "empty" };
        await using IVectorSink sink = new Hdf5Plugin().CreateSink(PluginConfigNode.FromYaml($"dir: '{temp.Path}'"), s_context);
        await using (IDatasetWriter writer = await sink.OpenAsync(new SinkTarget(info, info.Schema), CancellationToken.None))
        {
            await writer.CompleteAsync(CancellationToken.None);
        }

        JsonElement h5py = ReferenceTools.H5pyReadBack(Path.Combine(temp.Path, "empty", "_default.h5"));
        Assert.Equal([0L, 4L], h5py.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()));
        Assert.Equal("00000000000000000000000000000000", h5py.GetProperty("digest").GetString());
        Assert.Equal("IP", h5py.GetProperty("attrs").GetProperty("metric").GetString());
    }

    [Fact]
    public async Task Partitions_go_to_their_own_files_and_the_manifest_lists_them_all()
    {
        using var temp = new TempDirectory();
        await using IVectorSink sink = new Hdf5Plugin().CreateSink(PluginConfigNode.FromYaml($"dir: '{temp.Path}'"), s_context);
        foreach (string? partition in new[] { null, "p1" })
        {
            var info = new DatasetInfo("c", DatasetSchema.Of(VectorType.Float32, 2, KeyType.Int64, "L2"), 1) { Collection = "coll", Partition = partition };
            await using IDatasetWriter writer = await sink.OpenAsync(new SinkTarget(info, info.Schema), CancellationToken.None);
            await writer.WriteAsync(new VectorBatch(0, 1, 8, new byte[8], new long[] { 42 }), CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        Assert.True(File.Exists(Path.Combine(temp.Path, "coll", "_default.h5")));
        Assert.True(File.Exists(Path.Combine(temp.Path, "coll", "p1.h5")));
        Assert.Contains("dest_partition_name: 'p1'", File.ReadAllText(Path.Combine(temp.Path, "coll", "p1.yaml")), StringComparison.Ordinal);
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Path, "manifest.json")));
        Assert.Equal(["coll/_default.h5", "coll/p1.h5"], manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("file").GetString()));
    }

    [Fact]
    public async Task Skip_keeps_an_existing_file_and_overwrite_replaces_it()
    {
        using var temp = new TempDirectory();
        await Export("default_contiguous", temp.Path, 100);
        string file = Path.Combine(temp.Path, "default_contiguous", "_default.h5");
        byte[] first = File.ReadAllBytes(file);

        (_, SinkDatasetResult skipped, _) = await Export("default_contiguous", temp.Path, 100, mode: "skip");
        Assert.True(skipped.Skipped);
        Assert.Equal(first, File.ReadAllBytes(file));

        File.WriteAllBytes(file, [1, 2, 3]);
        (_, SinkDatasetResult overwritten, _) = await Export("default_contiguous", temp.Path, 100, mode: "overwrite");
        Assert.False(overwritten.Skipped);
        Assert.Equal(first, File.ReadAllBytes(file));
    }

    [Theory]
    [InlineData(VectorType.Float16, "float16")]
    [InlineData(VectorType.BFloat16, "bfloat16")]
    public async Task Half_precision_vectors_are_kept_as_uint16_with_their_type(VectorType type, string name)
    {
        using var temp = new TempDirectory();
        var info = new DatasetInfo("h", DatasetSchema.Of(type, 3, KeyType.Int64, "L2"), 2) { SuggestedCollection = "h" };
        byte[] vectors = [1, 0x3C, 2, 0x40, 0, 0xC0, 0x55, 0x3C, 0, 0, 0xFF, 0x7B];
        var batch = new VectorBatch(0, 2, 6, vectors, new long[] { 5, 9 });
        DigestPair expected = RowDigester.Digest(batch);
        await using IVectorSink sink = new Hdf5Plugin().CreateSink(PluginConfigNode.FromYaml($"dir: '{temp.Path}'"), s_context);
        await using (IDatasetWriter writer = await sink.OpenAsync(new SinkTarget(info, info.Schema), CancellationToken.None))
        {
            await writer.WriteAsync(batch, CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        string file = Path.Combine(temp.Path, "h", "_default.h5");
        JsonElement h5py = ReferenceTools.H5pyReadBack(file);
        Assert.Equal("<u2", h5py.GetProperty("dtype").GetString());
        Assert.Equal(name, h5py.GetProperty("attrs").GetProperty("vector_type").GetString());
        Assert.Equal(vectors, ReferenceTools.H5dumpBinary(file, "embeddings", temp.Path));
        await using var reread = new Hdf5Source([file], null, null);
        ReadAll back = await ReadAll.From(reread);
        Assert.Equal(type, back.Info.Schema.Vector.Type);
        Assert.Equal(expected, back.Digests);
    }

    [Fact]
    public void Append_mode_is_a_job_file_error()
    {
        Assert.Throws<ConfigException>(() => new Hdf5Plugin().CreateSink(PluginConfigNode.FromYaml("dir: out\nmode: append"), s_context));
    }

    [Fact]
    public async Task An_interrupted_export_leaves_no_file_under_its_final_name()
    {
        using var temp = new TempDirectory();
        var info = new DatasetInfo("x", DatasetSchema.Of(VectorType.Float32, 2, null, "L2"), 2) { SuggestedCollection = "x" };
        await using IVectorSink sink = new Hdf5Plugin().CreateSink(PluginConfigNode.FromYaml($"dir: '{temp.Path}'"), s_context);
        await using (IDatasetWriter writer = await sink.OpenAsync(new SinkTarget(info, info.Schema), CancellationToken.None))
        {
            await writer.WriteAsync(new VectorBatch(0, 1, 8, new byte[8]), CancellationToken.None);
        }

        Assert.Empty(Directory.EnumerateFiles(temp.Path, "*", SearchOption.AllDirectories));
    }

    private static async Task<(ReadAll Source, SinkDatasetResult Result, List<RowRange> Committed)> Export(string fixture, string dir, int batchRows, string mode = "skip")
    {
        Expected e = Fixtures.All[fixture];
        string? vectors = e.VectorsDataset is "embeddings" or "train" ? null : e.VectorsDataset;
        await using var reference = new Hdf5Source([Fixtures.PathOf(fixture)], vectors, null);
        ReadAll source = await ReadAll.From(reference);

        await using var input = new Hdf5Source([Fixtures.PathOf(fixture)], vectors, null);
        await using IVectorSink sink = new Hdf5Plugin().CreateSink(PluginConfigNode.FromYaml($"dir: '{dir}'\nmode: {mode}"), s_context);
        var committed = new List<RowRange>();
        var target = new SinkTarget(source.Info, source.Info.Schema) { Committed = committed.Add };
        await using IDatasetWriter writer = await sink.OpenAsync(target, CancellationToken.None);
        var options = new ReadOptions { MaxBatchBytes = batchRows * source.Info.Schema.Vector.BytesPerRow };
        await foreach (VectorBatch batch in input.ReadAsync(source.Info, options, CancellationToken.None))
        {
            await writer.WriteAsync(batch, CancellationToken.None);
        }

        SinkDatasetResult result = await writer.CompleteAsync(CancellationToken.None);
        return (source, result, committed);
    }
}
