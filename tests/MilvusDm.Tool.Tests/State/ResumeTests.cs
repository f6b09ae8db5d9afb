using MilvusDm.Abstractions;
using MilvusDm.Tool.Pipeline;
using MilvusDm.Tool.State;
using MilvusDm.Tool.Tests.Fakes;
using MilvusDm.Tool.Tests.Pipeline;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Tool.Tests.State;

public sealed class ResumeTests : IDisposable
{
    private readonly TempDirectory _state = new("milvusdm-state");

    public void Dispose() => _state.Dispose();

    [Fact]
    public async Task Resume_AfterCancellation_ContinuesFromTheAcknowledgedPrefixWithUpsertSemantics()
    {
        // Arrange: the first run is cancelled part-way, in two datasets of id-less rows (client-assigned keys).
        var first = MemoryDataset.Random("a", 300, 4, withIds: false);
        var second = MemoryDataset.Random("b", 200, 4, withIds: false, seed: 9);
        using var cancel = new CancellationTokenSource();
        var interrupted = new MemorySource([first, second]) { AfterBatch = produced => { if (produced >= 120) { cancel.Cancel(); } } };
        var sink = new MemorySink();
        (RunResult partial, _) = await PipelineHarness.RunAsync(interrupted, sink, "batch: {bytes: 160}\n", _state.Path, ResumeMode.Default, cancel.Token);
        Assert.True(partial.Cancelled);
        long firstRun = sink.Rows["a"].Count;

        // Act
        (RunResult resumed, string log) = await PipelineHarness.RunAsync(new MemorySource([first, second]), sink, "batch: {bytes: 160}\n", _state.Path, ResumeMode.Resume);

        // Assert: every key arrives; rows after the acknowledged prefix may arrive twice, with the same key.
        Assert.False(resumed.Cancelled);
        Assert.True(sink.OpenedResuming["a"] || firstRun == 0);
        Assert.False(sink.OpenedResuming["b"]);
        Assert.Contains("resuming at row", log, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i), sink.Rows["a"].Select(r => r.Id!.Value).Distinct().Order());
        Assert.Equal(Enumerable.Range(300, 200).Select(i => (long)i), sink.Rows["b"].Select(r => r.Id!.Value).Distinct().Order());
        Assert.All(sink.Rows["a"].GroupBy(r => r.Id), g => Assert.Single(g.Select(r => string.Join(',', r.Vector)).Distinct()));
        Assert.True(resumed.Datasets[0].RowsRead < 300, "the resumed run re-read the whole first dataset");
    }

    [Fact]
    public async Task Resume_WithVerifyDigest_ChecksCountsOnlyAndDoesNotCallItADigestCheck()
    {
        // Arrange: a digest-verified run cancelled part-way.
        var data = MemoryDataset.Random("a", 300, 4, withIds: true);
        using var cancel = new CancellationTokenSource();
        var interrupted = new MemorySource([data]) { AfterBatch = produced => { if (produced >= 120) { cancel.Cancel(); } } };
        var sink = new MemorySink();
        (RunResult partial, _) = await PipelineHarness.RunAsync(interrupted, sink, "verify: digest\nbatch: {bytes: 160}\n", _state.Path, ResumeMode.Default, cancel.Token);
        Assert.True(partial.Cancelled);

        // Act
        (RunResult resumed, string log) = await PipelineHarness.RunAsync(new MemorySource([data]), sink, "verify: digest\nbatch: {bytes: 160}\n", _state.Path, ResumeMode.Resume);
        (RunResult fresh, _) = await PipelineHarness.RunAsync(new MemorySource([data]), new MemorySink(), "verify: digest\nbatch: {bytes: 160}\n", null, ResumeMode.Default);

        // Assert: the resumed run says it skipped the digest and its result says so; a whole run checks digests.
        Assert.Contains("verify: digest is not checked on a resumed run", log, StringComparison.Ordinal);
        Assert.False(resumed.DigestChecked);
        Assert.Equal("passed", resumed.Datasets.Single().Verification);
        Assert.True(fresh.DigestChecked);
        Assert.Equal("passed", fresh.Datasets.Single().Verification);
    }

    [Fact]
    public async Task Run_WithUnfinishedLedgerAndNoFlag_RefusesInsteadOfDuplicating()
    {
        using var cancel = new CancellationTokenSource();
        var data = MemoryDataset.Random("a", 100, 4, withIds: true);
        var source = new MemorySource([data]) { AfterBatch = _ => cancel.Cancel() };
        await PipelineHarness.RunAsync(source, new MemorySink(), "batch: {bytes: 160}\n", _state.Path, ResumeMode.Default, cancel.Token);

        var error = await Assert.ThrowsAsync<ConfigException>(() => PipelineHarness.RunAsync(new MemorySource([data]), new MemorySink(), "batch: {bytes: 160}\n", _state.Path, ResumeMode.Default));

        Assert.Contains("did not finish", error.Message, StringComparison.Ordinal);
        Assert.Contains("--resume", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.ExitCode);
    }

    [Fact]
    public async Task Restart_WithUnfinishedLedger_StartsOverFromRowZero()
    {
        using var cancel = new CancellationTokenSource();
        var data = MemoryDataset.Random("a", 100, 4, withIds: true);
        await PipelineHarness.RunAsync(new MemorySource([data]) { AfterBatch = _ => cancel.Cancel() }, new MemorySink(), "batch: {bytes: 160}\n", _state.Path, ResumeMode.Default, cancel.Token);
        var sink = new MemorySink();

        (RunResult result, _) = await PipelineHarness.RunAsync(new MemorySource([data]), sink, "batch: {bytes: 160}\n", _state.Path, ResumeMode.Restart);

        Assert.Equal(100, result.RowsRead);
        Assert.False(sink.OpenedResuming["a"]);
    }

    [Fact]
    public async Task Run_AfterACompletedRun_IsNotBlocked()
    {
        var data = MemoryDataset.Random("a", 50, 4, withIds: true);
        await PipelineHarness.RunAsync(new MemorySource([data]), new MemorySink(), "", _state.Path, ResumeMode.Default);

        (RunResult again, _) = await PipelineHarness.RunAsync(new MemorySource([data]), new MemorySink(), "", _state.Path, ResumeMode.Default);

        Assert.Equal(50, again.RowsWritten);
    }

    [Fact]
    public async Task Ledger_IsValidJsonWithCommittedRanges()
    {
        var data = MemoryDataset.Random("a", 40, 4, withIds: true);
        await PipelineHarness.RunAsync(new MemorySource([data]), new MemorySink(), "batch: {bytes: 160}\n", _state.Path, ResumeMode.Default);

        string file = Directory.GetFiles(_state.Path, "*.json").Single();
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
        Assert.Equal("completed", json.RootElement.GetProperty("status").GetString());
        var dataset = json.RootElement.GetProperty("datasets").GetProperty("a");
        Assert.True(dataset.GetProperty("completed").GetBoolean());
        Assert.Equal("[[0,40]]", dataset.GetProperty("committed").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal));
    }
}
