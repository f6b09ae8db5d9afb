using MilvusDm.Abstractions;
using MilvusDm.Plugins.MilvusLegacy.Tests.Support;

namespace MilvusDm.Plugins.MilvusLegacy.Tests;

/// <summary>Which partitions a job reads: the collections map, '*', include and exclude, and the secondary path.</summary>
public sealed class SelectionTests
{
    [Theory]
    [InlineData("collections: {float_coll: }", "float_coll/_default,float_coll/empty_part,float_coll/tag_a")]
    [InlineData("collections: {float_coll: []}", "float_coll/_default,float_coll/empty_part,float_coll/tag_a")]
    [InlineData("collections: {float_coll: [tag_a]}", "float_coll/tag_a")]
    [InlineData("collections: {float_coll: ['', tag_a]}", "float_coll/_default,float_coll/tag_a")]
    [InlineData("collections: {float_coll: [_default]}", "float_coll/_default")]
    [InlineData("collections: {ip_coll: ['tag-1 x'], bin_coll: }", "bin_coll/_default,ip_coll/tag-1 x")]
    [InlineData("collections: '*'", "bin_coll/_default,float_coll/_default,float_coll/empty_part,float_coll/tag_a,ip_coll/_default,ip_coll/tag-1 x")]
    [InlineData("collections: {'*': [_default]}", "bin_coll/_default,float_coll/_default,ip_coll/_default")]
    [InlineData("include: ['*_coll/_default']", "bin_coll/_default,float_coll/_default,ip_coll/_default")]
    [InlineData("include: [ip_coll]", "ip_coll/_default,ip_coll/tag-1 x")]
    [InlineData("exclude: [float_coll, '*/tag-?*']", "bin_coll/_default,ip_coll/_default")]
    [InlineData("collections: {float_coll: }\nexclude: [float_coll/empty_part]", "float_coll/_default,float_coll/tag_a")]
    public async Task Select_ReadsExactlyTheNamedPartitions(string selection, string expected)
    {
        using var storage = new StorageCopy();

        IReadOnlyList<DatasetInfo> datasets = await Legacy.ListAsync(storage.Yaml(selection));

        Assert.Equal(expected.Split(','), datasets.Select(d => d.Name));
    }

    [Theory]
    [InlineData("collections: {nope: }", "collection 'nope' not found (live collections: 'bin_coll', 'float_coll', 'ip_coll')")]
    [InlineData("collections: {old_coll: }", "collection 'old_coll' not found")]
    [InlineData("collections: {float_coll: [dropped_part]}", "collection 'float_coll' has no partition 'dropped_part' (partitions: '_default', 'empty_part', 'tag_a')")]
    public async Task Select_UnknownOrDroppedName_IsASourceError(string selection, string message)
    {
        using var storage = new StorageCopy();

        var error = await Assert.ThrowsAsync<SourceDataException>(() => Legacy.ListAsync(storage.Yaml(selection)));

        Assert.StartsWith(storage.MetaFile + ": " + message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Select_SeveralCollections_ReadsEachOfThem()
    {
        using var storage = new StorageCopy();
        await using IVectorSource source = Legacy.Source(storage.Yaml("collections: {bin_coll: , ip_coll: [_default]}"), new TestLog());

        foreach (DatasetInfo dataset in await source.ListDatasetsAsync(CancellationToken.None))
        {
            ReadResult read = await Legacy.ReadAsync(source, dataset);
            Assert.Equal(Truth.Get(dataset.Name).Digest, read.Digests.Digest.ToString());
        }
    }

    [Fact]
    public async Task SecondaryPath_WithoutIt_TheSegmentThereIsMissing_WithIt_ItIsRead()
    {
        using var storage = new StorageCopy();
        string yaml = $"path: '{storage.Storage}'\ncollections: {{float_coll: [_default]}}\n";

        var error = await Assert.ThrowsAsync<SourceDataException>(() => Legacy.ListAsync(yaml));
        ReadResult read = await Legacy.ReadAsync(storage.Yaml("collections: {float_coll: [_default]}"), "float_coll/_default");

        Assert.StartsWith(storage.Resolve("storage/db/tables/float_coll/1678358266133038000") + ": segment folder missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("secondary_paths", error.Message, StringComparison.Ordinal);
        Assert.Equal(Truth.Get("float_coll/_default").Ids, read.Ids);
    }

    [Fact]
    public async Task SecondaryPath_AsMilvusLaysItOut_TablesDirectlyInside_IsReadToo()
    {
        // Milvus 1.x joins tables/ to a secondary path itself (only the primary path gets db/).
        using var storage = new StorageCopy();
        string flat = Path.Combine(storage.Root, "flat-secondary");
        Directory.Move(Path.Combine(storage.Secondary, "db"), flat);

        ReadResult read = await Legacy.ReadAsync($"path: '{storage.Storage}'\nsecondary_paths: ['{flat}']\n", "float_coll/_default");

        Assert.Equal(Truth.Get("float_coll/_default").Vectors, read.Vectors);
    }

    [Fact]
    public async Task SecondaryPath_ThatDoesNotExist_IsASourceError()
    {
        using var storage = new StorageCopy();
        string missing = Path.Combine(storage.Root, "nowhere");

        var error = await Assert.ThrowsAsync<SourceDataException>(() => Legacy.ListAsync($"path: '{storage.Storage}'\nsecondary_paths: ['{missing}']\n"));

        Assert.Equal($"{missing}: secondary path not found", error.Message);
    }

    [Fact]
    public async Task Path_ThatIsNotAStorageFolder_NamesTheMissingMeta()
    {
        using var storage = new StorageCopy();
        string empty = Path.Combine(storage.Root, "empty");
        Directory.CreateDirectory(empty);

        var error = await Assert.ThrowsAsync<SourceDataException>(() => Legacy.ListAsync($"path: '{empty}'\n"));

        Assert.StartsWith(Path.Combine(empty, "db", "meta.sqlite") + ": missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WalFolderWithFiles_WarnsThatUnflushedRowsCannotBeRead()
    {
        using var storage = new StorageCopy();
        string wal = Path.Combine(storage.Storage, "wal");
        Directory.CreateDirectory(wal);
        var quiet = new TestLog();
        await Legacy.ListAsync(storage.Yaml(), quiet);
        File.WriteAllBytes(Path.Combine(wal, "1.wal"), new byte[100]);
        var log = new TestLog();

        await Legacy.ListAsync(storage.Yaml(), log);

        Assert.DoesNotContain(quiet.Warnings, w => w.Contains("write-ahead", StringComparison.Ordinal));
        Assert.Contains(log.Warnings, w => w.StartsWith($"{wal}: holds 1 write-ahead log file(s) (100 bytes); rows Milvus had not flushed", StringComparison.Ordinal));
    }
}
