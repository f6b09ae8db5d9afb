using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Faiss.Tests;

public sealed class FaissPluginTests
{
    private readonly RecordingLog _log = new();

    private PluginContext Context => new(_log) { BaseDirectory = Fixtures.Directory };

    [Fact]
    public void Manifest_DeclaresNameKeysAndOriginalMapping()
    {
        PluginManifest manifest = new FaissPlugin().Manifest;

        Assert.Equal("faiss", manifest.Name);
        Assert.Equal(["allow_lossy", "path"], manifest.SourceConfig.Select(k => k.Key).Order());
        Assert.True(manifest.SourceConfig.Single(k => k.Key == "path").Required);
        Assert.Empty(manifest.SinkConfig);
        Assert.Equal(new OriginalKeyMapping("F2M", PluginRole.Source, "data_path", "path"), Assert.Single(manifest.OriginalKeys));
    }

    [Fact]
    public async Task CreateSource_RelativePath_ListsOneDatasetNamedAfterTheFile()
    {
        // Arrange
        await using IVectorSource source = new FaissPlugin().CreateSource(PluginConfigNode.FromYaml("path: idmap_flat_l2.index"), Context);

        // Act
        IReadOnlyList<DatasetInfo> datasets = await source.ListDatasetsAsync(CancellationToken.None);

        // Assert
        DatasetInfo dataset = Assert.Single(datasets);
        Assert.Equal("idmap_flat_l2.index", dataset.Name);
        Assert.Equal("idmap_flat_l2", dataset.SuggestedCollection);
        Assert.Null(dataset.Collection);
        Assert.Null(dataset.Partition);
        Assert.Equal(30, dataset.Rows);
        Assert.Equal(DatasetSchema.Of(VectorType.Float32, 8, KeyType.Int64, "L2"), dataset.Schema with { Scalars = [] });
        Assert.Equal("IxMp(IxF2)", dataset.Properties["index_type"]);
        Assert.Equal(Fixtures.PathOf("idmap_flat_l2"), dataset.Location);
    }

    [Theory]
    [InlineData("flat_l2", null, "L2", VectorType.Float32)]
    [InlineData("flat_lp3", null, "Lp", VectorType.Float32)]
    [InlineData("bin_ivf", KeyType.Int64, "HAMMING", VectorType.Binary)]
    public async Task ListDatasets_SchemaFollowsTheFile(string name, KeyType? key, string metric, VectorType type)
    {
        await using IVectorSource source = new FaissPlugin().CreateSource(PluginConfigNode.FromYaml($"path: {name}.index"), Context);

        DatasetInfo dataset = (await source.ListDatasetsAsync(CancellationToken.None))[0];

        Assert.Equal(key, dataset.Schema.KeyType);
        Assert.Equal(metric, dataset.Schema.Metric);
        Assert.Equal(type, dataset.Schema.Vector.Type);
        Assert.Equal(Fixtures.All[name].Dim, dataset.Schema.Vector.Dim);
    }

    [Theory]
    [InlineData("ivfflat_full")]
    [InlineData("flat_ip")]
    [InlineData("bin_idmap")]
    [InlineData("ivfflat_ondisk")]
    public async Task ReadAsync_BatchesDigestToWhatFaissWrote(string name)
    {
        // Arrange
        Expected expected = Fixtures.All[name];
        await using IVectorSource source = new FaissPlugin().CreateSource(PluginConfigNode.FromYaml($"path: {expected.File}"), Context);
        DatasetInfo dataset = (await source.ListDatasetsAsync(CancellationToken.None))[0];
        DigestPair digest = default;

        // Act
        await foreach (VectorBatch batch in source.ReadAsync(dataset, new ReadOptions { MaxBatchBytes = 1000 }, CancellationToken.None))
        {
            using (batch)
            {
                Assert.True(batch.VectorBytes <= 1000);
                digest += RowDigester.Digest(batch);
            }
        }

        // Assert
        Assert.Equal(expected.Rows, digest.Rows);
        Assert.Equal(expected.Digest, digest.Digest.ToString());
        Assert.Equal(expected.VectorsDigest, digest.VectorsDigest.ToString());
    }

    [Fact]
    public async Task ListDatasets_OnDiskListsMoved_WarnsWhichPathIsUsed()
    {
        await using IVectorSource source = new FaissPlugin().CreateSource(PluginConfigNode.FromYaml("path: ivfflat_ondisk.index"), Context);

        DatasetInfo dataset = (await source.ListDatasetsAsync(CancellationToken.None))[0];

        string used = Path.Combine(Fixtures.Directory, "ivfflat_ondisk.ivfdata");
        Assert.Equal(used, dataset.Properties["ivfdata"]);
        Assert.Contains(_log.Warnings, w => w.Contains("/tmp/milvusdm-faiss-ondisk-fixture/ivfflat_ondisk.ivfdata", StringComparison.Ordinal) && w.Contains(used, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateSource_AllowLossy_DecodesAndWarns()
    {
        await using IVectorSource source = new FaissPlugin().CreateSource(PluginConfigNode.FromYaml("path: sq8.index\nallow_lossy: true"), Context);

        DatasetInfo dataset = (await source.ListDatasetsAsync(CancellationToken.None))[0];

        Assert.Equal("true", dataset.Properties["lossy"]);
        Assert.Equal(Fixtures.All["sq8"].Decoded!.Rows, dataset.Rows);
        Assert.Contains(_log.Warnings, w => w.Contains("approximately", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListDatasets_LossyByDefault_SourceDataError()
    {
        await using IVectorSource source = new FaissPlugin().CreateSource(PluginConfigNode.FromYaml("path: ivfpq.index"), Context);

        var error = await Assert.ThrowsAsync<SourceDataException>(async () => await source.ListDatasetsAsync(CancellationToken.None));

        Assert.Equal(ExitCodes.SourceDataError, error.ExitCode);
        Assert.Contains("IwPQ (IndexIVFPQ) does not store the original vectors", error.Message);
    }

    [Fact]
    public void CreateSource_WithoutPath_ConfigError()
    {
        var error = Assert.Throws<ConfigException>(() => new FaissPlugin().CreateSource(PluginConfigNode.FromYaml("allow_lossy: true"), Context));

        Assert.Contains("path", error.Message);
    }

    [Fact]
    public void CreateSource_UnknownKey_ConfigError()
    {
        var error = Assert.Throws<ConfigException>(() => new FaissPlugin().CreateSource(PluginConfigNode.FromYaml("path: a.index\ndata_pth: b"), Context));

        Assert.Contains("data_pth", error.Message);
    }

    [Theory]
    [InlineData("flat_l2.index", true)]
    [InlineData("bin_hnsw.index", true)]
    [InlineData("sq8.index", true)]
    [InlineData("bin_hash.index", true)]
    [InlineData("not_faiss.index", true)]
    [InlineData("make_fixtures.py", false)]
    [InlineData("ivfflat_ondisk.ivfdata", false)]
    [InlineData("expected.json", false)]
    [InlineData("no_such_file.index", false)]
    [InlineData(".", false)]
    [InlineData("http://127.0.0.1:19530", false)]
    public void TryOpenForInspect_ClaimsFaissCodesAndFaissFileNames(string target, bool claimed)
    {
        IVectorSource? source = new FaissPlugin().TryOpenForInspect(new InspectRequest(target), Context);

        Assert.Equal(claimed, source is not null);
    }

    [Fact]
    public async Task TryOpenForInspect_IndexNamedFileWithOtherBytes_ReportsTheByteOffset()
    {
        IVectorSource source = new FaissPlugin().TryOpenForInspect(new InspectRequest("not_faiss.index"), Context)!;

        var error = await Assert.ThrowsAsync<SourceDataException>(async () => await source.ListDatasetsAsync(CancellationToken.None));

        Assert.StartsWith(Fixtures.PathOf("not_faiss") + ": at byte 0: expected a Faiss index type code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryOpenForInspect_ThenList_DescribesTheFile()
    {
        IVectorSource source = new FaissPlugin().TryOpenForInspect(new InspectRequest("hnsw_flat.index"), Context)!;

        DatasetInfo dataset = (await source.ListDatasetsAsync(CancellationToken.None))[0];

        Assert.Equal(60, dataset.Rows);
        Assert.False(dataset.Schema.HasIds);
        Assert.Equal("IHNf(IxF2)", dataset.Properties["index_type"]);
    }

    private sealed class RecordingLog : IPluginLog
    {
        public List<string> Warnings { get; } = [];

        public void Warn(string message) => Warnings.Add(message);

        public void Info(string message)
        {
        }

        public void Debug(string message)
        {
        }
    }
}
