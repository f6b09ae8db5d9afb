using MilvusDm.Abstractions;
using MilvusDm.Tool.Jobs;

namespace MilvusDm.Tool.Commands;

/// <summary>Reads a job file for a command and refuses settings this version cannot honour.</summary>
internal static class JobLoader
{
    public static JobDefinition Load(CommandContext context, string jobFile, IReadOnlyList<SetOverride> overrides)
    {
        var reader = new JobFileReader(context.Catalog, context.Console.Warn, context.Console.Masker.Register);
        JobDefinition job = reader.Read(jobFile, overrides);
        if (job.Settings.Batch.Bytes <= 0 || job.Settings.Batch.InFlight <= 0)
        {
            throw new ConfigException($"{jobFile}: 'batch.bytes' and 'batch.in_flight' must be positive");
        }

        return job;
    }
}
