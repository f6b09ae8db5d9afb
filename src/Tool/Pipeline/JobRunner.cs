using System.Diagnostics;
using MilvusDm.Abstractions;
using MilvusDm.Tool.Jobs;
using MilvusDm.Tool.Output;
using MilvusDm.Tool.Progress;

namespace MilvusDm.Tool.Pipeline;

/// <summary>Runs every dataset of a session in order and checks each against what the sink committed.</summary>
internal sealed class JobRunner
{
    /// <summary>How long a cancelled run may take to commit what is already in flight.</summary>
    private static readonly TimeSpan CommitGrace = TimeSpan.FromSeconds(30);

    private readonly ToolConsole _console;

    public JobRunner(ToolConsole console)
    {
        _console = console;
    }

    public async Task<RunResult> RunAsync(JobSession session, IProgressTracker tracker, CancellationToken cancellationToken)
    {
        JobSettings settings = session.Job.Settings;
        var clock = Stopwatch.StartNew();
        var outcomes = new List<DatasetOutcome>();
        long nextOrdinalKey = 0;
        foreach (DatasetPlan plan in session.Datasets)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return new RunResult(outcomes, clock.Elapsed, Cancelled: true);
            }

            var options = new CopyOptions(
                new ReadOptions { MaxBatchBytes = settings.Batch.Bytes },
                settings.Batch.InFlight,
                settings.Verify == VerifyMode.Digest,
                settings.NanPolicy,
                plan.AssignIds ? nextOrdinalKey : null,
                settings.MaxRowsPerSecond);
            (DatasetOutcome outcome, bool cancelled) = await CopyAsync(session, plan, options, tracker, cancellationToken).ConfigureAwait(false);
            outcomes.Add(outcome);
            if (plan.AssignIds)
            {
                // Several id-less datasets continue the count in their (sorted) order, so keys never collide.
                nextOrdinalKey += outcome.RowsRead;
            }

            if (cancelled)
            {
                return new RunResult(outcomes, clock.Elapsed, Cancelled: true);
            }
        }

        return new RunResult(outcomes, clock.Elapsed, Cancelled: false);
    }

    private async Task<(DatasetOutcome Outcome, bool Cancelled)> CopyAsync(JobSession session, DatasetPlan plan, CopyOptions options, IProgressTracker tracker, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        DatasetInfo dataset = plan.Dataset;
        var outcome = new DatasetOutcome(dataset.Name, plan.Plan.Destination) { SourceHasIds = dataset.Schema.HasIds };
        IDatasetProgress progress = tracker.StartDataset(dataset.Name, dataset.Rows, dataset.VectorBytes);
        await using IDatasetWriter writer = await session.Sink.OpenAsync(plan.Target, cancellationToken).ConfigureAwait(false);
        if (writer.Skipped)
        {
            progress.Complete("skipped (destination exists)");
            return (outcome with { Skipped = true, Verification = "skipped", Elapsed = clock.Elapsed }, false);
        }

        var copier = new DatasetCopier(session.Source, dataset, options, progress);
        bool cancelled = false;
        try
        {
            await copier.CopyAsync(writer, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }

        SinkDatasetResult committed;
        if (cancelled)
        {
            // Ctrl+C / SIGTERM: commit what the sink already accepted, within a grace period, then stop.
            using var grace = new CancellationTokenSource(CommitGrace);
            committed = await writer.CompleteAsync(grace.Token).ConfigureAwait(false);
            progress.Complete("cancelled");
        }
        else
        {
            committed = await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        long expected = copier.RowsHanded;
        string verification = cancelled || session.Job.Settings.Verify == VerifyMode.None
            ? "skipped"
            : committed.RowsWritten == expected ? "passed" : "failed";
        if (!cancelled)
        {
            progress.Complete(verification == "failed" ? "count mismatch" : "done");
        }

        if (verification == "failed")
        {
            _console.Fail($"{dataset.Name}: read {expected} rows but {committed.Destination} acknowledged {committed.RowsWritten}");
        }

        if (copier.RowsDropped > 0)
        {
            _console.Warn($"{dataset.Name}: dropped {copier.RowsDropped} rows holding NaN or infinity (nan_policy: skip)");
        }

        return (outcome with
        {
            Destination = committed.Destination,
            RowsRead = copier.RowsRead,
            RowsWritten = committed.RowsWritten,
            RowsDroppedNaN = copier.RowsDropped,
            VectorBytes = copier.Bytes,
            Digests = copier.Digest,
            Verification = verification,
            Elapsed = clock.Elapsed,
        }, cancelled);
    }
}
