using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5.Tests;

/// <summary>The plugin wrapper: configuration, file discovery, inspect, refused inputs and the manifest.</summary>
public sealed class Hdf5PluginTests
{
    private static PluginContext Context => new(new TestLog()) { BaseDirectory = Fixtures.Directory };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Refused_fixture_fails_with_a_reason(string name)
    {
        Expected e = Fixtures.All[name];
        await using IVectorSource source = new Hdf5Plugin().CreateSource(PluginConfigNode.FromYaml($"paths: [{e.File}]"), Context);
        SourceDataException error = await Assert.ThrowsAsync<SourceDataException>(async () => await ReadAll.From(source));
        Assert.Contains(e.Reason!, error.Message, StringComparison.Ordinal);
        Assert.Contains(e.File, error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.SourceDataError, error.ExitCode);
    }

    [Fact]
    public async Task Dir_reads_h5_and_hdf5_files_in_sorted_order()
    {
        using var temp = new TempDirectory();
        File.Copy(Fixtures.PathOf("default_contiguous"), Path.Combine(temp.Path, "b.h5"));
        File.Copy(Fixtures.PathOf("latest_contiguous"), Path.Combine(temp.Path, "a.hdf5"));
        File.Copy(Fixtures.PathOf("uint8_binary"), Path.Combine(temp.Path, "c.h5"));
        File.WriteAllText(Path.Combine(temp.Path, "notes.txt"), "not hdf5");
        await using IVectorSource source = new Hdf5Plugin().CreateSource(PluginConfigNode.FromYaml($"dir: '{temp.Path}'"), Context);
        IReadOnlyList<DatasetInfo> datasets = await source.ListDatasetsAsync(CancellationToken.None);
        Assert.Equal(["a.hdf5", "b.h5", "c.h5"], datasets.Select(d => d.Name));
        Assert.Equal(["a", "b", "c"], datasets.Select(d => d.SuggestedCollection));
        Assert.Equal(VectorType.Binary, datasets[2].Schema.Vector.Type);
    }

    [Theory]
    [InlineData("dir: x\npaths: [a.h5]")]
    [InlineData("vectors_dataset: embeddings")]
    public void Paths_and_dir_are_exclusive_and_one_is_required(string yaml)
    {
        Assert.Throws<ConfigException>(() => new Hdf5Plugin().CreateSource(PluginConfigNode.FromYaml(yaml), Context));
    }

    [Fact]
    public async Task Vectors_and_ids_datasets_can_be_named()
    {
        await using IVectorSource source = new Hdf5Plugin().CreateSource(
            PluginConfigNode.FromYaml("paths: [default_many_members.h5]\nvectors_dataset: embeddings\nids_dataset: ids"), Context);
        ReadAll all = await ReadAll.From(source);
        Assert.Equal(Fixtures.All["default_many_members"].Digest, all.Digests.Digest.ToString());
    }

    [Fact]
    public async Task Inspect_claims_hdf5_files_and_honours_the_vectors_dataset()
    {
        var plugin = new Hdf5Plugin();
        Assert.Null(plugin.TryOpenForInspect(new InspectRequest("make_fixtures.py"), Context));
        Assert.Null(plugin.TryOpenForInspect(new InspectRequest("http://localhost:19530"), Context));
        await using IVectorSource source = plugin.TryOpenForInspect(new InspectRequest("nested.h5") { VectorsDataset = "group/sub/vectors" }, Context)!;
        Assert.NotNull(source);
        ReadAll all = await ReadAll.From(source);
        Assert.Equal(Fixtures.All["nested"].Digest, all.Digests.Digest.ToString());

        // A user block puts the signature at 512; the file is still claimed.
        Assert.NotNull(plugin.TryOpenForInspect(new InspectRequest("default_userblock.h5"), Context));
    }

    [Fact]
    public void Manifest_describes_both_roles_and_the_original_keys()
    {
        PluginManifest manifest = new Hdf5Plugin().Manifest;
        Assert.Equal("hdf5", manifest.Name);
        Assert.Contains(manifest.SourceConfig, k => k.Key == "paths");
        Assert.Contains(manifest.SourceConfig, k => k.Key == "vectors_dataset");
        Assert.Contains(manifest.SinkConfig, k => k.Key == "mode");
        Assert.Contains(new OriginalKeyMapping("H2M", PluginRole.Source, "data_path", "paths"), manifest.OriginalKeys);
        Assert.Contains(new OriginalKeyMapping("H2M", PluginRole.Source, "data_dir", "dir"), manifest.OriginalKeys);
        Assert.Contains(new OriginalKeyMapping("M2H", PluginRole.Sink, "data_dir", "dir"), manifest.OriginalKeys);
    }

    [Fact]
    public async Task Missing_vectors_dataset_lists_the_2d_datasets()
    {
        await using IVectorSource source = new Hdf5Plugin().CreateSource(PluginConfigNode.FromYaml("paths: [default_contiguous.h5]\nvectors_dataset: nope"), Context);
        SourceDataException e = await Assert.ThrowsAsync<SourceDataException>(async () => await source.ListDatasetsAsync(CancellationToken.None));
        Assert.Contains("embeddings (50, 8)", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> Refused() => Fixtures.Refused();
}
