using MilvusDm.Tool.Pipeline;
using MilvusDm.Tool.Tests.Fakes;

namespace MilvusDm.Tool.Tests.Pipeline;

public sealed class DigestVerificationTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task VerifyDigest_FaithfulSink_Passes(bool withIds)
    {
        var sink = new MemorySink();

        (RunResult result, string errors) = await PipelineHarness.RunAsync(new MemorySource([MemoryDataset.Random("d", 77, 3, withIds)]), sink, "verify: digest\nbatch: {bytes: 60}\n");

        Assert.False(result.VerificationFailed, errors);
        Assert.Equal("passed", result.Datasets.Single().Verification);
    }

    [Fact]
    public async Task VerifyDigest_SinkThatAltersARow_FailsNamingBothDigests()
    {
        var sink = new MemorySink { CorruptOneRow = true };

        (RunResult result, string errors) = await PipelineHarness.RunAsync(new MemorySource([MemoryDataset.Random("d", 20, 3, withIds: true)]), sink, "verify: digest\n");

        Assert.True(result.VerificationFailed);
        Assert.Matches("digest check failed: memory/d: expected 20 rows with digest [0-9a-f]{32}, found 20 rows with digest [0-9a-f]{32}", errors);
    }

    [Fact]
    public async Task VerifyDigest_AppendToExistingRows_ExpectsOldPlusNew()
    {
        var sink = new MemorySink();
        var old = MemoryDataset.Random("d", 10, 3, withIds: true, seed: 1);
        await PipelineHarness.RunAsync(new MemorySource([old]), sink, "");
        var more = new MemoryDataset("d", MemoryDataset.Random("x", 5, 3, true, seed: 2).Vectors, [900, 901, 902, 903, 904]);

        (RunResult result, string errors) = await PipelineHarness.RunAsync(new MemorySource([more]), sink, "verify: digest\n");

        Assert.False(result.VerificationFailed, errors);
        Assert.Equal(15, sink.Rows["d"].Count);
    }
}
