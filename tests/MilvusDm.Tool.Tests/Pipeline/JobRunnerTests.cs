using System.Runtime.InteropServices;
using MilvusDm.Abstractions;
using MilvusDm.Tool.Pipeline;
using MilvusDm.Tool.Tests.Fakes;

namespace MilvusDm.Tool.Tests.Pipeline;

public sealed class JobRunnerTests
{
    [Fact]
    public async Task Run_SlowSink_SourceNeverRunsMoreThanInFlightBatchesAhead()
    {
        // Arrange: 64-byte rows, 4 rows per batch, 2 batches in flight, a sink slower than the source.
        var data = MemoryDataset.Random("d", rows: 400, dim: 16, withIds: true);
        var source = new MemorySource([data]);
        long maxLead = 0;
        var sink = new MemorySink
        {
            DelayPerBatch = TimeSpan.FromMilliseconds(2),
            BeforeWrite = consumed => maxLead = Math.Max(maxLead, source.Produced - consumed),
        };

        // Act
        (RunResult result, _) = await PipelineHarness.RunAsync(source, sink, "batch: {bytes: 256, in_flight: 2}\n");

        // Assert: in flight (2) + the one the writer holds + the one the reader is building = 4 batches of 4 rows.
        Assert.Equal(400, result.RowsWritten);
        Assert.InRange(maxLead, 4, 16);
    }

    [Fact]
    public async Task Run_RowsArriveInOrderWithTheirIdsAndVectors()
    {
        var data = MemoryDataset.Random("d", rows: 97, dim: 3, withIds: true);
        var sink = new MemorySink();

        (RunResult result, _) = await PipelineHarness.RunAsync(new MemorySource([data]), sink, "batch: {bytes: 40}\n");

        Assert.Equal("passed", result.Datasets.Single().Verification);
        Assert.Equal(data.Ids!.Select(i => (long?)i), sink.Rows["d"].Select(r => r.Id));
        Assert.Equal(data.Vectors.SelectMany(v => v), sink.Rows["d"].SelectMany(r => r.Vector));
    }

    [Fact]
    public async Task Run_IdLessDatasets_GetOrdinalKeysContinuingAcrossDatasets()
    {
        var first = MemoryDataset.Random("a", rows: 5, dim: 2, withIds: false);
        var second = MemoryDataset.Random("b", rows: 3, dim: 2, withIds: false, seed: 2);
        var sink = new MemorySink();

        await PipelineHarness.RunAsync(new MemorySource([first, second]), sink, "");

        Assert.Equal([0L, 1, 2, 3, 4], sink.Rows["a"].Select(r => r.Id!.Value));
        Assert.Equal([5L, 6, 7], sink.Rows["b"].Select(r => r.Id!.Value));
    }

    [Fact]
    public async Task Run_IdsAuto_LeavesRowsWithoutKeys()
    {
        var sink = new MemorySink();

        await PipelineHarness.RunAsync(new MemorySource([MemoryDataset.Random("a", 4, 2, withIds: false)]), sink, "ids: auto\n");

        Assert.All(sink.Rows["a"], r => Assert.Null(r.Id));
    }

    [Fact]
    public async Task Run_NaNWithDefaultPolicy_FailsNamingDatasetAndRow()
    {
        var data = MemoryDataset.Random("d", rows: 10, dim: 2, withIds: true);
        data.Vectors[7][1] = float.NaN;

        var error = await Assert.ThrowsAsync<SourceDataException>(() => PipelineHarness.RunAsync(new MemorySource([data]), new MemorySink(), "batch: {bytes: 24}\n"));

        Assert.Equal("d: row 7 holds NaN or infinity, which Milvus rejects (set nan_policy: skip to drop such rows)", error.Message);
    }

    [Fact]
    public async Task Run_NaNWithSkipPolicy_DropsAndCountsRowsKeepingOtherKeys()
    {
        var data = MemoryDataset.Random("d", rows: 10, dim: 2, withIds: false);
        data.Vectors[3][0] = float.PositiveInfinity;
        data.Vectors[8][1] = float.NaN;
        var sink = new MemorySink();

        (RunResult result, string errors) = await PipelineHarness.RunAsync(new MemorySource([data]), sink, "nan_policy: skip\nbatch: {bytes: 24}\n");

        Assert.Equal([0L, 1, 2, 4, 5, 6, 7, 9], sink.Rows["d"].Select(r => r.Id!.Value));
        Assert.Equal(2, result.Datasets.Single().RowsDroppedNaN);
        Assert.Equal("passed", result.Datasets.Single().Verification);
        Assert.Contains("dropped 2 rows holding NaN or infinity", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SinkAcknowledgesFewerRows_VerificationFails()
    {
        var sink = new MemorySink { LoseRows = 1 };

        (RunResult result, string errors) = await PipelineHarness.RunAsync(new MemorySource([MemoryDataset.Random("d", 20, 2, withIds: true)]), sink, "");

        Assert.True(result.VerificationFailed);
        Assert.Contains("d: read 20 rows but memory/d acknowledged 19", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_VerifyNone_DoesNotCheckCounts()
    {
        (RunResult result, _) = await PipelineHarness.RunAsync(new MemorySource([MemoryDataset.Random("d", 20, 2, withIds: true)]), new MemorySink { LoseRows = 1 }, "verify: none\n");

        Assert.False(result.VerificationFailed);
        Assert.Equal("skipped", result.Datasets.Single().Verification);
    }

    [Fact]
    public async Task Run_CancelledMidway_CommitsWhatWasHandedOverAndReportsCancelled()
    {
        using var cancel = new CancellationTokenSource();
        var source = new MemorySource([MemoryDataset.Random("d", 1000, 4, withIds: true)])
        {
            AfterBatch = produced =>
            {
                if (produced >= 200)
                {
                    cancel.Cancel();
                }
            },
        };
        var sink = new MemorySink();

        (RunResult result, _) = await PipelineHarness.RunAsync(source, sink, "batch: {bytes: 160}\n", cancel.Token);

        Assert.True(result.Cancelled);
        Assert.True(sink.Completed, "the writer was not completed, so in-flight rows were not committed");
        Assert.InRange(result.RowsWritten, 1, 999);
        Assert.Equal(sink.Rows["d"].Count, result.RowsWritten);
    }

    [Fact]
    public async Task Run_VerifyDigestRequested_DigestOfRowsReadMatchesDigestSpec()
    {
        var data = MemoryDataset.Random("d", rows: 50, dim: 4, withIds: false);
        var expected = RowDigester.Digest(new VectorBatch(0, 50, 16, MemoryMarshal.AsBytes(data.Vectors.SelectMany(v => v).ToArray().AsSpan()).ToArray()));
        var runner = new MemorySink();

        // verify: digest is refused by the CLI until read-back exists; the pipeline still computes it when asked.
        (RunResult result, _) = await PipelineHarness.RunAsync(new MemorySource([data]), runner, "verify: digest\nbatch: {bytes: 64}\n");

        Assert.Equal(expected, result.Datasets.Single().Digests);
    }
}
