using System.CommandLine;
using MilvusDm.Abstractions;
using MilvusDm.Tool.Duplicates;
using MilvusDm.Tool.Jobs;
using MilvusDm.Tool.Pipeline;

namespace MilvusDm.Tool.Commands;

/// <summary>
/// <c>milvusdm verify FILE</c>: reads the source and the destination of a finished job and compares row counts and
/// content digests per destination (exit 5 on a mismatch). The destination is expected to hold exactly the job's rows.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(ToolEnvironment environment)
    {
        Argument<FileInfo> fileArgument = JobArguments.File();
        Option<string[]> setOption = JobArguments.Set();
        Command command = new("verify", "Compare the source and destination of a finished job by counts and content digests.") { fileArgument, setOption };
        command.SetAction((parseResult, token) => CommandContext.RunAsync(parseResult, environment, token, async context =>
        {
            JobDefinition job = JobLoader.Load(context, parseResult.GetRequiredValue(fileArgument).FullName, JobArguments.Overrides(parseResult, setOption));
            await using JobSession session = await JobSession.OpenAsync(job, context.Catalog, context.Console, context.CancellationToken).ConfigureAwait(false);
            var verifier = session.Verifier ?? new DigestVerifier(session.Sink, job.SinkPlugin);
            using DuplicateIdChecks duplicates = DuplicateIdChecks.Create(session.Datasets, job.Settings.DuplicateIds);
            foreach (DatasetPlan plan in session.Datasets)
            {
                verifier.Track(plan);
                context.Console.Info($"[{plan.Dataset.Name}] reading the source");

                // With keep-last the destination holds the last row of each id: digest the source the same way.
                DestinationIds? ids = job.Settings.DuplicateIds == DuplicateIdPolicy.KeepLast ? duplicates.For(plan) : null;
                if (ids is not null)
                {
                    await ids.PrepareAsync(session.Source, job.Settings.Batch.Bytes, context.Console, context.CancellationToken).ConfigureAwait(false);
                }

                verifier.Add(plan, await SourceDigest.ComputeAsync(session.Source, plan.Dataset, context.CancellationToken, ids?.For(plan)).ConfigureAwait(false));
            }

            context.Console.Info("reading the destination back");
            IReadOnlyList<DestinationCheck> checks = await verifier.VerifyAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (DestinationCheck check in checks)
            {
                context.Console.Result((check.Passed ? "passed: " : "FAILED: ") + check.Describe());
            }

            return checks.All(c => c.Passed) ? ExitCodes.Success : ExitCodes.VerificationFailed;
        }));
        return command;
    }
}
