using MilvusDm.Abstractions;
using MilvusDm.Tool.Jobs;

namespace MilvusDm.Tool.State;

/// <summary>Finds, opens or refuses a job's ledger under <c>~/.milvusdm/state/</c> (or <c>--state-dir</c>).</summary>
internal static class LedgerStore
{
    public static string DefaultDirectory =>
        System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".milvusdm", "state");

    /// <summary>
    /// The ledger this run writes to. <see cref="ResumeMode.Default"/> with an unfinished ledger is a usage error;
    /// <see cref="ResumeMode.Resume"/> without one starts fresh (nothing was committed).
    /// </summary>
    public static (JobLedger Ledger, bool Resuming) Open(JobDefinition job, string? stateDirectory, ResumeMode mode)
    {
        string identity = JobIdentity.Compute(job);
        string path = System.IO.Path.Combine(stateDirectory ?? DefaultDirectory, identity + ".json");
        JobLedger? existing = mode == ResumeMode.Restart ? null : JobLedger.Load(path);
        if (existing is not null && !existing.IsCompleted)
        {
            if (mode == ResumeMode.Resume)
            {
                return (existing, true);
            }

            throw new ConfigException($"{job.File}: an earlier run of this job did not finish (ledger {path}); run again with --resume to continue it, or --restart to start over");
        }

        return (JobLedger.Create(path, System.IO.Path.GetFullPath(job.File), identity), false);
    }
}
