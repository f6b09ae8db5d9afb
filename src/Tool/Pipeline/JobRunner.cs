using System.Diagnostics;
using MilvusDm.Abstractions;
using MilvusDm.Tool.Duplicates;
using MilvusDm.Tool.Jobs;
using MilvusDm.Tool.Output;
using MilvusDm.Tool.Progress;
using MilvusDm.Tool.State;

namespace MilvusDm.Tool.Pipeline;

/// <summary>Runs every dataset of a session in order and checks each against what the sink committed.</summary>
internal sealed class JobRunner
{
    /// <summary>How long a cancelled run may take to commit what is already in flight.</summary>
    private static readonly TimeSpan CommitGrace = TimeSpan.FromSeconds(30);

    private readonly ToolConsole _console;
    private readonly JobLedger? _ledger;
    private readonly bool _resuming;

    /// <summary>Creates a runner; with a ledger it records progress for <c>--resume</c> and, when resuming, continues from it.</summary>
    public JobRunner(ToolConsole console, JobLedger? ledger = null, bool resuming = false)
    {
        _console = console;
        _ledger = ledger;
        _resuming = resuming && ledger is not null;
    }

    public async Task<RunResult> RunAsync(JobSession session, IProgressTracker tracker, CancellationToken cancellationToken)
    {
        JobSettings settings = session.Job.Settings;
        var clock = Stopwatch.StartNew();
        var outcomes = new List<DatasetOutcome>();
        long nextOrdinalKey = 0;
        DigestVerifier? verifier = session.Verifier;
        using DuplicateIdChecks duplicates = DuplicateIdChecks.Create(session.Datasets, settings.DuplicateIds);
        if (verifier is not null && _resuming)
        {
            // The rows sent before the interruption were never digested in this run, so no honest expectation exists.
            _console.Warn("verify: digest is not checked on a resumed run; check the result with 'milvusdm verify'");
            verifier = null;
        }

        foreach (DatasetPlan plan in session.Datasets)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                _ledger?.Save();
                return new RunResult(outcomes, clock.Elapsed, Cancelled: true);
            }

            DatasetLedger? earlier = _resuming ? _ledger!.Find(plan.Dataset.Name) : null;
            if (earlier is { Completed: true })
            {
                _console.Info($"[{plan.Dataset.Name}] already completed by the interrupted run; not read again");
                outcomes.Add(new DatasetOutcome(plan.Dataset.Name, plan.Plan.Destination) { Verification = "skipped", SourceHasIds = plan.Dataset.Schema.HasIds });
                nextOrdinalKey += plan.AssignIds ? earlier.RowsRead : 0;
                continue;
            }

            bool resumeDataset = earlier is { Prepared: true };
            long startRow = resumeDataset ? _ledger!.ResumeRow(plan.Dataset.Name) : 0;
            bool destinationKeys = plan.Target.Schema.KeyType is null;
            long maybeDuplicated = 0;
            if (resumeDataset)
            {
                _console.Info($"[{plan.Dataset.Name}] resuming at row {startRow:N0} (rows after it are re-sent as upserts)");
                if (destinationKeys)
                {
                    // ids: auto is at-least-once: re-sent rows get new keys, so whatever an earlier run stored past the prefix stays.
                    maybeDuplicated = _ledger!.AddMaybeDuplicated(plan.Dataset.Name, startRow);
                }
            }

            DestinationIds? ids = duplicates.For(plan);
            if (ids is { Policy: DuplicateIdPolicy.KeepLast })
            {
                await ids.PrepareAsync(session.Source, settings.Batch.Bytes, _console, cancellationToken).ConfigureAwait(false);
            }

            var options = new CopyOptions(
                new ReadOptions { MaxBatchBytes = settings.Batch.Bytes, StartRow = startRow },
                settings.Batch.InFlight,
                settings.Verify == VerifyMode.Digest,
                settings.NanPolicy,
                plan.AssignIds ? nextOrdinalKey : null,
                settings.MaxRowsPerSecond)
            {
                BeforeSend = destinationKeys && _ledger is not null ? end => _ledger.NoteSent(plan.Dataset.Name, end) : null,
                Duplicates = ids?.For(plan),
            };
            if (verifier is not null)
            {
                await verifier.BeforeAsync(plan, cancellationToken).ConfigureAwait(false);
            }

            // duplicate_ids: error: checked once the destination's last dataset is read, before that dataset is completed.
            Action? beforeComplete = ids is { Policy: DuplicateIdPolicy.Error } && ids.IsLast(plan) ? ids.ThrowIfDuplicates : null;
            (DatasetOutcome outcome, bool cancelled) = await CopyAsync(session, plan, options, resumeDataset, tracker, beforeComplete, cancellationToken).ConfigureAwait(false);
            if (maybeDuplicated > 0)
            {
                _console.Warn($"{plan.Dataset.Name}: ids: auto is at-least-once: up to {maybeDuplicated:N0} rows re-sent after an interruption may be duplicated at {outcome.Destination}");
                outcome = outcome with { RowsMaybeDuplicated = maybeDuplicated };
            }

            outcomes.Add(outcome);
            if (verifier is not null && outcome.Digests is { } copied && !outcome.Skipped)
            {
                verifier.Add(plan, copied);
            }

            if (plan.AssignIds)
            {
                // Several id-less datasets continue the count in their (sorted) order, so keys never collide.
                nextOrdinalKey += startRow + outcome.RowsRead;
            }

            if (cancelled)
            {
                _ledger?.Save();
                return new RunResult(outcomes, clock.Elapsed, Cancelled: true);
            }
        }

        if (verifier is not null)
        {
            outcomes = await ApplyChecksAsync(session, verifier, outcomes, cancellationToken).ConfigureAwait(false);
        }

        _ledger?.MarkJobCompleted();
        return new RunResult(outcomes, clock.Elapsed, Cancelled: false) { DigestChecked = verifier is not null };
    }

    private async Task<List<DatasetOutcome>> ApplyChecksAsync(JobSession session, DigestVerifier verifier, List<DatasetOutcome> outcomes, CancellationToken cancellationToken)
    {
        IReadOnlyList<DestinationCheck> checks = await verifier.VerifyAsync(cancellationToken).ConfigureAwait(false);
        var byDestination = checks.ToDictionary(c => c.Destination, StringComparer.Ordinal);
        var destinationOf = session.Datasets.ToDictionary(p => p.Dataset.Name, p => p.Plan.Destination, StringComparer.Ordinal);
        foreach (DestinationCheck check in checks.Where(c => !c.Passed))
        {
            _console.Fail("digest check failed: " + check.Describe());
        }

        return outcomes
            .Select(o => !o.Skipped && byDestination.TryGetValue(destinationOf[o.Dataset], out DestinationCheck? check)
                ? o with { Verification = check.Passed && o.Verification != "failed" ? "passed" : "failed" }
                : o)
            .ToList();
    }

    private async Task<(DatasetOutcome Outcome, bool Cancelled)> CopyAsync(JobSession session, DatasetPlan plan, CopyOptions options, bool resuming, IProgressTracker tracker, Action? beforeComplete, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        DatasetInfo dataset = plan.Dataset;
        var outcome = new DatasetOutcome(dataset.Name, plan.Plan.Destination) { SourceHasIds = dataset.Schema.HasIds };
        long? remaining = dataset.Rows - options.Read.StartRow;
        IDatasetProgress progress = tracker.StartDataset(dataset.Name, remaining, remaining * dataset.Schema.Vector.BytesPerRow);
        SinkTarget target = plan.Target with
        {
            Resuming = resuming,
            Committed = _ledger is null ? static _ => { } : range => _ledger.Commit(dataset.Name, range),
        };
        await using IDatasetWriter writer = await session.Sink.OpenAsync(target, cancellationToken).ConfigureAwait(false);
        _ledger?.MarkPrepared(dataset.Name);
        if (writer.Skipped)
        {
            _ledger?.MarkCompleted(dataset.Name, 0);
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
            beforeComplete?.Invoke();
            committed = await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            _ledger?.MarkCompleted(dataset.Name, options.Read.StartRow + copier.RowsRead);
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
            RowsDroppedDuplicate = options.Duplicates?.Dropped ?? 0,
            VectorBytes = copier.Bytes,
            Digests = copier.Digest,
            Verification = verification,
            Elapsed = clock.Elapsed,
        }, cancelled);
    }
}
