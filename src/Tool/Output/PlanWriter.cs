using System.Globalization;
using MilvusDm.Abstractions;
using MilvusDm.Tool.Pipeline;
using MilvusDm.Tool.Progress;
using YamlDotNet.RepresentationModel;

namespace MilvusDm.Tool.Output;

/// <summary>
/// Prints what a job would do (validate, <c>run --dry-run</c>): the source inventory, the sink's write mode, batching,
/// and per dataset its destination and what the sink would create, drop, skip or write.
/// </summary>
internal static class PlanWriter
{
    public static void Write(ToolConsole console, JobSession session, PluginManifest? sinkManifest)
    {
        var job = session.Job;
        var settings = job.Settings;
        console.Result($"job: {Path.GetFullPath(job.File)}{(job.OriginalTask is null ? "" : $" (original {job.OriginalTask} task)")}");
        console.Result($"source: {job.SourcePlugin}; sink: {job.SinkPlugin}");
        if (Mode(job.Sink, sinkManifest) is { } mode)
        {
            console.Result($"mode: {mode} (applied once per destination; later datasets into the same destination append)");
        }

        string rate = settings.MaxRowsPerSecond > 0 ? settings.MaxRowsPerSecond.ToString("N0", CultureInfo.InvariantCulture) + " rows/s" : "unlimited";
        console.Result($"batches: up to {ProgressFormat.Bytes(settings.Batch.Bytes)} each, {settings.Batch.InFlight} in flight; verify: {EnumNames.ToKebab(settings.Verify.ToString())}; ids: {EnumNames.ToKebab(settings.Ids.ToString())}; nan_policy: {EnumNames.ToKebab(settings.NanPolicy.ToString())}; rate: {rate}");
        long totalRows = 0;
        long totalBytes = 0;
        foreach (DatasetPlan plan in session.Datasets)
        {
            DatasetInfo d = plan.Dataset;
            totalRows += d.Rows ?? 0;
            totalBytes += d.VectorBytes ?? 0;
            string rows = d.Rows is { } n ? $"{ProgressFormat.Rows(n)} rows" : "rows unknown";
            string bytes = d.VectorBytes is { } b ? $", {ProgressFormat.Bytes(b)}" : "";
            string ids = d.Schema.HasIds ? "ids from source" : plan.AssignIds ? "no ids: client-assigned keys" : "no ids: destination assigns keys";
            console.Result($"dataset {d.Name}: {rows}{bytes}, dim {d.Schema.Vector.Dim}, {d.Schema.Vector.Type.ToContractName()}, metric {d.Schema.Metric ?? "unknown"}, {ids}");
            console.Result($"  -> {plan.Plan.Destination}");
            foreach (string action in plan.Plan.Actions)
            {
                console.Result($"     {action}");
            }
        }

        console.Result($"total: {session.Datasets.Count} datasets, {ProgressFormat.Rows(totalRows)} rows, {ProgressFormat.Bytes(totalBytes)}");
    }

    /// <summary>
    /// The sink's write mode as the job sets it, or the plugin's declared default; <c>null</c> for a sink without one.
    /// The host only reads the value: what a mode means is the sink's business (its actions say it per dataset).
    /// </summary>
    private static string? Mode(PluginConfigNode sink, PluginManifest? manifest)
    {
        ConfigKeyInfo? key = manifest?.SinkConfig.FirstOrDefault(k => k.Key == "mode");
        if (key is null)
        {
            return null;
        }

        YamlNode? value = sink.Mapping.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: "mode" }).Value;
        return value is YamlScalarNode { Value: { Length: > 0 } text } ? text : $"{key.Default ?? "unset"} (default)";
    }
}
