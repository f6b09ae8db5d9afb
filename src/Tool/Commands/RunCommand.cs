using System.CommandLine;
using MilvusDm.Abstractions;
using MilvusDm.Tool.Jobs;
using MilvusDm.Tool.Output;
using MilvusDm.Tool.Pipeline;
using MilvusDm.Tool.State;

namespace MilvusDm.Tool.Commands;

/// <summary><c>milvusdm run FILE [--set KEY=VALUE]... [--dry-run] [--report FILE]</c>.</summary>
internal static class RunCommand
{
    public static Command Create(ToolEnvironment environment)
    {
        Argument<FileInfo> fileArgument = JobArguments.File();
        Option<string[]> setOption = JobArguments.Set();
        Option<bool> dryRunOption = new("--dry-run") { Description = "Print the plan and stop; writes nothing." };
        Option<FileInfo?> reportOption = new("--report") { Description = "Write a JSON report: per dataset rows read and written, digests, verification, error." };
        Option<bool> resumeOption = new("--resume") { Description = "Continue an interrupted run of this job from its ledger; re-sent rows are upserted, never duplicated." };
        Option<bool> restartOption = new("--restart") { Description = "Forget an interrupted run of this job and start over." };
        Option<DirectoryInfo?> stateDirOption = new("--state-dir") { Description = "Where run ledgers are kept (default ~/.milvusdm/state)." };

        Command command = new("run", "Run a job file, with overrides, a dry run, or a JSON report.")
        {
            fileArgument,
            setOption,
            dryRunOption,
            reportOption,
            resumeOption,
            restartOption,
            stateDirOption,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(resumeOption) && result.GetValue(restartOption))
            {
                result.AddError("--resume and --restart cannot be used together");
            }
        });
        command.SetAction((parseResult, token) => CommandContext.RunAsync(parseResult, environment, token, context =>
            RunJobAsync(
                context,
                parseResult.GetRequiredValue(fileArgument).FullName,
                JobArguments.Overrides(parseResult, setOption),
                parseResult.GetValue(dryRunOption),
                parseResult.GetValue(reportOption)?.FullName,
                parseResult.GetValue(resumeOption) ? ResumeMode.Resume : parseResult.GetValue(restartOption) ? ResumeMode.Restart : ResumeMode.Default,
                parseResult.GetValue(stateDirOption)?.FullName)));
        return command;
    }

    public static async Task<int> RunJobAsync(CommandContext context, string jobFile, IReadOnlyList<SetOverride> overrides, bool dryRun, string? report, ResumeMode resume = ResumeMode.Default, string? stateDirectory = null)
    {
        JobDefinition job = JobLoader.Load(context, jobFile, overrides);
        await using JobSession session = await OpenSessionAsync(context, job, dryRun ? null : report).ConfigureAwait(false);
        if (dryRun)
        {
            PlanWriter.Write(context.Console, session, context.Catalog.Find(job.SinkPlugin)?.Instance?.Manifest);
            return ExitCodes.Success;
        }

        (JobLedger ledger, bool resuming) = LedgerStore.Open(job, stateDirectory ?? context.StateDirectory, resume);
        var runner = new JobRunner(context.Console, ledger, resuming);
        RunResult result;
        try
        {
            result = await context.CreateProgressDisplay()
                .RunAsync(tracker => runner.RunAsync(session, tracker, context.CancellationToken))
                .ConfigureAwait(false);
        }
        catch (MilvusDmException error) when (report is not null)
        {
            await WriteFailureAsync(context, report, jobFile, error).ConfigureAwait(false);
            throw;
        }

        SummaryWriter.Write(context.Console, result);
        if (report is not null)
        {
            await ReportWriter.WriteAsync(report, jobFile, result, null, CancellationToken.None).ConfigureAwait(false);
        }

        if (result.Cancelled)
        {
            long committed = result.RowsWritten;
            context.Console.Fail($"cancelled: {committed} rows committed to the destination before stopping; run again with --resume to continue");
            return ExitCodes.Cancelled;
        }

        return result.VerificationFailed ? ExitCodes.VerificationFailed : ExitCodes.Success;
    }

    /// <summary>Opens the job's source and sink; a failure there (e.g. the server refusing the credentials) is reported too.</summary>
    private static async Task<JobSession> OpenSessionAsync(CommandContext context, JobDefinition job, string? report)
    {
        try
        {
            return await JobSession.OpenAsync(job, context.Catalog, context.Console, context.CancellationToken).ConfigureAwait(false);
        }
        catch (MilvusDmException error) when (report is not null)
        {
            await WriteFailureAsync(context, report, job.File, error).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The report of a run that failed before any dataset finished, its error masked like every output.</summary>
    private static Task WriteFailureAsync(CommandContext context, string report, string jobFile, MilvusDmException error) =>
        ReportWriter.WriteAsync(report, jobFile, new RunResult([], TimeSpan.Zero, false), context.Console.Masker.Mask(error.Message), CancellationToken.None);
}
