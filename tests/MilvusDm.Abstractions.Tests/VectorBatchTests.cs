namespace MilvusDm.Abstractions.Tests;

public sealed class VectorBatchTests
{
    [Fact]
    public void Constructor_NullIdArray_MeansNoIds()
    {
        long[]? none = null;

        var batch = new VectorBatch(0, 2, 4, new byte[8], none);

        Assert.False(batch.HasIds);
        Assert.Null(batch.Ids);
    }

    [Fact]
    public void Constructor_WrongSizes_Throw()
    {
        Assert.Throws<ArgumentException>(() => new VectorBatch(0, 2, 4, new byte[7]));
        Assert.Throws<ArgumentException>(() => new VectorBatch(0, 2, 4, new byte[8], new long[] { 1 }));
        Assert.Throws<ArgumentException>(() => new VectorBatch(0, 2, 4, new byte[8], stringIds: ["a"]));
    }

    [Fact]
    public void WithIds_MovesTheReleaseSoMemoryIsReturnedOnce()
    {
        int released = 0;
        var batch = new VectorBatch(3, 2, 4, new byte[8], release: () => released++);

        VectorBatch keyed = batch.WithIds(new long[] { 10, 11 });
        batch.Dispose();
        keyed.Dispose();
        keyed.Dispose();

        Assert.Equal(1, released);
        Assert.Equal([10L, 11L], keyed.Ids!.Value.ToArray());
        Assert.Equal(3, keyed.Ordinal);
    }

    [Fact]
    public void VectorAt_ReturnsTheRowsBytes()
    {
        var batch = new VectorBatch(0, 3, 2, new byte[] { 1, 2, 3, 4, 5, 6 });

        Assert.Equal(new byte[] { 3, 4 }, batch.VectorAt(1).ToArray());
    }
}
