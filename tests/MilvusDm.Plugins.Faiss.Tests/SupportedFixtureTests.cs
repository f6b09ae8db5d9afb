using MilvusDm.Abstractions;
using MilvusDm.Plugins.Faiss.Format;

namespace MilvusDm.Plugins.Faiss.Tests;

public sealed class SupportedFixtureTests
{
    public static TheoryData<string> Supported => Fixtures.Supported();

    [Theory]
    [MemberData(nameof(Supported))]
    public void Read_RealFaissFile_YieldsExactlyWhatFaissReported(string name)
    {
        // Arrange
        Expected expected = Fixtures.All[name];

        // Act
        Streamed read = Streamed.Read(Fixtures.PathOf(name));

        // Assert
        Assert.Equal(expected.Rows, read.Plan.Rows);
        Assert.Equal(expected.Dim, read.Plan.Dim);
        Assert.Equal(expected.VectorType, read.Plan.VectorType.ToContractName());
        Assert.Equal(expected.Metric, read.Plan.Metric);
        Assert.Equal(expected.HasIds, read.Plan.HasIds);
        Assert.Equal(expected.Vectors, read.Vectors);
        Assert.Equal(expected.Ids, read.Ids);
        Assert.Equal(expected.Digest, read.Digest.Digest.ToString());
        Assert.Equal(expected.VectorsDigest, read.Digest.VectorsDigest.ToString());
        Assert.Equal(expected.Rows, read.Digest.Rows);
    }

    [Theory]
    [MemberData(nameof(Supported))]
    public void Read_TinyBatches_CrossSegmentsAndKeepDigest(string name)
    {
        // Arrange: three rows per batch, so batches span IVF list boundaries.
        Expected expected = Fixtures.All[name];
        int rowBytes = expected.VectorType == "binary" ? expected.Dim / 8 : expected.Dim * 4;
        var options = new ReadOptions { MaxBatchBytes = (3 * rowBytes) + 1 };

        // Act
        Streamed read = Streamed.Read(Fixtures.PathOf(name), options);

        // Assert
        Assert.Equal((int)((expected.Rows + 2) / 3), read.Batches);
        Assert.Equal(expected.Vectors, read.Vectors);
        Assert.Equal(expected.Ids, read.Ids);
        Assert.Equal(expected.Digest, read.Digest.Digest.ToString());
    }

    [Theory]
    [MemberData(nameof(Supported))]
    public void Read_FromStartRow_YieldsTheTail(string name)
    {
        // Arrange
        Expected expected = Fixtures.All[name];
        int rowBytes = expected.VectorType == "binary" ? expected.Dim / 8 : expected.Dim * 4;
        long start = expected.Rows / 3;

        // Act
        Streamed read = Streamed.Read(Fixtures.PathOf(name), new ReadOptions { StartRow = start, MaxBatchBytes = 7 * rowBytes });

        // Assert
        Assert.Equal(expected.Vectors.AsSpan((int)(start * rowBytes)).ToArray(), read.Vectors);
        Assert.Equal(expected.Ids?.Skip((int)start).ToArray(), read.Ids);
    }

    [Fact]
    public void Read_StartRowBeyondEnd_YieldsNothing()
    {
        Streamed read = Streamed.Read(Fixtures.PathOf("flat_l2"), new ReadOptions { StartRow = 1000 });

        Assert.Equal(0, read.Batches);
    }

    [Fact]
    public void Plan_OnDiskListsMoved_UsesTheFileBesideTheIndex()
    {
        // Arrange: the script wrote the index in a temporary folder that no longer exists.
        string index = Fixtures.PathOf("ivfflat_ondisk");

        // Act
        RowPlan plan = RowPlanner.Plan(index);

        // Assert
        Assert.NotNull(plan.OnDiskData);
        Assert.StartsWith("/", plan.OnDiskData!.Value.Stored);
        Assert.False(File.Exists(plan.OnDiskData.Value.Stored));
        Assert.Equal(Path.Combine(Fixtures.Directory, "ivfflat_ondisk.ivfdata"), plan.OnDiskData.Value.Used);
    }

    [Fact]
    public void Plan_OnDiskListsAtStoredPath_UsesTheStoredPath()
    {
        // Arrange: a copy whose stored path names an existing data file elsewhere (the index is moved alone).
        using var temp = new TempDirectory();
        string dataDir = Directory.CreateDirectory(Path.Combine(temp.Path, "data")).FullName;
        string data = Path.Combine(dataDir, "lists.ivfdata");
        File.Copy(Path.Combine(Fixtures.Directory, "ivfflat_ondisk.ivfdata"), data);
        string index = Path.Combine(temp.Path, "moved.index");
        File.WriteAllBytes(index, OnDiskFileName.Replace(File.ReadAllBytes(Fixtures.PathOf("ivfflat_ondisk")), data));

        // Act
        Streamed read = Streamed.Read(index);

        // Assert
        Assert.Equal(data, read.Plan.OnDiskData!.Value.Used);
        Assert.Equal(Fixtures.All["ivfflat_ondisk"].Vectors, read.Vectors);
    }

    [Fact]
    public void Plan_OnDiskDataMissing_NamesBothPaths()
    {
        using var temp = new TempDirectory();
        string index = Path.Combine(temp.Path, "alone.index");
        File.Copy(Fixtures.PathOf("ivfflat_ondisk"), index);

        var error = Assert.Throws<SourceDataException>(() => RowPlanner.Plan(index));

        Assert.Contains("ivfflat_ondisk.ivfdata", error.Message);
        Assert.Contains(temp.Path, error.Message);
    }

    [Fact]
    public void Fixtures_ScriptThatMadeThemIsCommitted()
    {
        Assert.True(File.Exists(Path.Combine(Fixtures.Directory, "make_fixtures.py")));
    }
}
