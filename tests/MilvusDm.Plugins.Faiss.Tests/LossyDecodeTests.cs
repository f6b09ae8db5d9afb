using MilvusDm.Abstractions;
using MilvusDm.Plugins.Faiss.Format;

namespace MilvusDm.Plugins.Faiss.Tests;

public sealed class LossyDecodeTests
{
    public static TheoryData<string> Decodable => Fixtures.Decodable();

    [Theory]
    [MemberData(nameof(Decodable))]
    public void Read_AllowLossy_DecodesExactlyAsFaissReconstructs(string name)
    {
        // Arrange
        Expected expected = Fixtures.All[name].Decoded!;
        RowPlan plan = RowPlanner.Plan(Fixtures.PathOf(name), allowLossy: true);

        // Act: small batches, so IVF residual decoding crosses lists inside a batch.
        Streamed read = Streamed.Read(plan, new ReadOptions { MaxBatchBytes = 5 * 32 });

        // Assert
        Assert.True(plan.Lossy);
        Assert.Equal(expected.Rows, plan.Rows);
        Assert.Equal(expected.HasIds, plan.HasIds);
        Assert.Equal(expected.Vectors, read.Vectors);
        Assert.Equal(expected.Ids, read.Ids);
        Assert.Equal(expected.Digest, read.Digest.Digest.ToString());
        Assert.Equal(expected.VectorsDigest, read.Digest.VectorsDigest.ToString());
    }

    [Theory]
    [MemberData(nameof(Decodable))]
    public void Plan_LossyWithoutAllowLossy_RefusesAndMentionsTheOption(string name)
    {
        var error = Assert.Throws<SourceDataException>(() => RowPlanner.Plan(Fixtures.PathOf(name)));

        Assert.Contains("does not store the original vectors", error.Message);
        Assert.Contains("allow_lossy", error.Message);
    }

    [Theory]
    [InlineData("pq")]
    [InlineData("ivfpq")]
    [InlineData("hnsw_pq")]
    [InlineData("pretransform_pca_flat")]
    public void Plan_AllowLossyOnProductQuantizer_StillRefuses(string name)
    {
        var error = Assert.Throws<SourceDataException>(() => RowPlanner.Plan(Fixtures.PathOf(name), allowLossy: true));

        Assert.Contains("does not store the original vectors", error.Message);
    }
}
