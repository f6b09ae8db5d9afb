using MilvusDm.Abstractions;
using MilvusDm.Plugins.MilvusLegacy.Tests.Support;

namespace MilvusDm.Plugins.MilvusLegacy.Tests;

/// <summary>
/// Every dataset of the fixture read through the SQLite meta equals what the builder wrote: the same ids and vector
/// bytes in reading order (segments by numeric id, rows by offset, deleted rows removed), and the same digests.
/// </summary>
public sealed class ReadTruthTests
{
    public static TheoryData<string> Names => Truth.Names;

    [Fact]
    public async Task ListDatasets_NamesEveryLivePartition_WithItsSchema()
    {
        using var storage = new StorageCopy();

        IReadOnlyList<DatasetInfo> datasets = await Legacy.ListAsync(storage.Yaml());

        Assert.Equal(Truth.Datasets.Select(d => d.Name), datasets.Select(d => d.Name));
        foreach (TruthDataset truth in Truth.Datasets)
        {
            DatasetInfo info = datasets.Single(d => d.Name == truth.Name);
            Assert.Equal(truth.Collection, info.Collection);
            Assert.Equal(truth.Partition, info.Partition);
            Assert.Equal(truth.Collection, info.SuggestedCollection);
            Assert.Equal(truth.Rows, info.Rows);
            Assert.Equal(truth.Dim, info.Schema.Vector.Dim);
            Assert.Equal(truth.VectorType, info.Schema.Vector.Type.ToContractName());
            Assert.Equal(truth.Metric, info.Schema.Metric);
            Assert.Equal(KeyType.Int64, info.Schema.KeyType);
            Assert.Equal(truth.IndexFileSizeMb.ToString(System.Globalization.CultureInfo.InvariantCulture), info.Properties["index_file_size_mb"]);
            Assert.Equal(truth.TableId, info.Properties["table_id"]);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Read_Dataset_EqualsTheBuildersRowsAndDigests(string name)
    {
        using var storage = new StorageCopy();
        TruthDataset truth = Truth.Get(name);

        ReadResult read = await Legacy.ReadAsync(storage.Yaml(), name);

        Assert.Equal(truth.Ids, read.Ids);
        Assert.Equal(truth.Vectors, read.Vectors);
        Assert.Equal(truth.Rows, read.Digests.Rows);
        Assert.Equal(truth.Digest, read.Digests.Digest.ToString());
        Assert.Equal(truth.VectorsDigest, read.Digests.VectorsDigest.ToString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public async Task Read_SmallBatches_CrossSegmentsAndDeletionsWithoutChangingTheRows(int rowsPerBatch)
    {
        using var storage = new StorageCopy();
        foreach (TruthDataset truth in Truth.Datasets)
        {
            int rowBytes = truth.VectorType == "binary" ? truth.Dim / 8 : truth.Dim * 4;

            ReadResult read = await Legacy.ReadAsync(storage.Yaml(), truth.Name, maxBatchBytes: rowsPerBatch * rowBytes);

            Assert.Equal(truth.Ids, read.Ids);
            Assert.Equal(truth.Vectors, read.Vectors);
            Assert.Equal((int)((truth.Rows + rowsPerBatch - 1) / rowsPerBatch), read.Batches);
        }
    }

    [Fact]
    public async Task Read_FromEveryStartRow_ResumesWithExactlyTheRemainingRows()
    {
        using var storage = new StorageCopy();
        TruthDataset truth = Truth.Get("float_coll/tag_a"); // deletions at both ends, repeated offsets, two segments
        for (int start = 0; start <= truth.Rows; start++)
        {
            ReadResult read = await Legacy.ReadAsync(storage.Yaml(), truth.Name, maxBatchBytes: 5 * truth.Dim * 4, startRow: start);

            Assert.Equal(truth.Ids[start..], read.Ids);
            Assert.Equal(truth.Vectors[(start * truth.Dim * 4)..], read.Vectors);
        }
    }

    [Fact]
    public async Task List_SegmentWhoseMetaRowCountDisagrees_WarnsAndReadsTheFiles()
    {
        using var storage = new StorageCopy();
        var log = new TestLog();

        await Legacy.ListAsync(storage.Yaml(), log);

        string warning = Assert.Single(log.Warnings);
        Assert.Contains(storage.Resolve("storage/db/tables/1678358371133074000/1678358461133110000"), warning, StringComparison.Ordinal);
        Assert.Contains("meta says 24 rows but the files hold 23", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_IgnoresToDeleteNewAndIndexFiles_AndDroppedCollectionsAndPartitions()
    {
        using var storage = new StorageCopy();

        IReadOnlyList<DatasetInfo> datasets = await Legacy.ListAsync(storage.Yaml());

        // float_coll/_default: RAW, BACKUP (with an INDEX file beside it) and RAW on the secondary path; not TO_DELETE, not NEW.
        Assert.Equal("3", datasets.Single(d => d.Name == "float_coll/_default").Properties["segments"]);
        Assert.DoesNotContain(datasets, d => d.Collection == "old_coll" || d.Partition == "dropped_part");
    }

    [Fact]
    public async Task List_CarriesTheCollectionsIndexSettingsForASink()
    {
        using var storage = new StorageCopy();

        DatasetInfo floats = (await Legacy.ListAsync(storage.Yaml())).Single(d => d.Name == "float_coll/_default");

        Assert.Equal("IVF_FLAT", floats.Properties["engine_type"]);
        Assert.Equal("IVF_FLAT", floats.Properties["index_type"]);
        Assert.Equal("{\"nlist\":1024}", floats.Properties["index_params"]);
        Assert.Equal("1.1.1", floats.Properties["milvus_version"]);
    }
}
