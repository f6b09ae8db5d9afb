using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Faiss.Tests;

public sealed class RefusedFixtureTests
{
    public static TheoryData<string> Refused => Fixtures.Refused();

    [Theory]
    [MemberData(nameof(Refused))]
    public void Read_RefusedType_ThrowsOneLineNamingTheType(string name)
    {
        // Arrange
        Expected expected = Fixtures.All[name];
        string path = Path.Combine(Fixtures.Directory, expected.File);

        // Act
        var error = Assert.Throws<SourceDataException>(() => ReadAll.Run(path));

        // Assert
        Assert.Equal(ExitCodes.SourceDataError, error.ExitCode);
        Assert.StartsWith(path + ":", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        switch (expected.Reason)
        {
            case "lossy":
                Assert.Contains("does not store the original vectors", error.Message);
                break;
            case "unsupported":
                Assert.Contains(expected.Fourcc, error.Message);
                Assert.Contains("not supported", error.Message);
                break;
            default:
                Assert.True(error.Message.Contains("at byte 0: ", StringComparison.Ordinal) && error.Message.Contains("not a Faiss index file", StringComparison.Ordinal), error.Message);
                break;
        }
    }

    [Theory]
    [InlineData("sq8", "IxSQ (IndexScalarQuantizer)")]
    [InlineData("ivfpq", "IwPQ (IndexIVFPQ)")]
    [InlineData("hnsw_pq", "IHNp (IndexHNSWPQ)")]
    [InlineData("pretransform_pca_flat", "IxPT (IndexPreTransform)")]
    [InlineData("idmap_pq", "IxMp wraps index type IxPq (IndexPQ)")]
    [InlineData("lsh", "IxHe (IndexLSH)")]
    public void Read_LossyType_NamesTheLossyIndex(string name, string named)
    {
        var error = Assert.Throws<SourceDataException>(() => ReadAll.Run(Fixtures.PathOf(name)));

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void Read_EmptyFile_SaysSoAtByteZero()
    {
        using var temp = new TempDirectory();
        string path = Path.Combine(temp.Path, "empty.index");
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<SourceDataException>(() => ReadAll.Run(path));

        Assert.Equal($"{path}: at byte 0: expected a Faiss index type code (fourcc), but the file is empty", error.Message);
    }

    [Fact]
    public void Read_MissingFile_SourceDataError()
    {
        var error = Assert.Throws<SourceDataException>(() => ReadAll.Run("/nonexistent/dir/x.index"));

        Assert.Contains("cannot open", error.Message);
    }
}
