using MilvusDm.Abstractions;
using MilvusDm.Tool.Pipeline;
using MilvusDm.Tool.Progress;

namespace MilvusDm.Tool.Output;

/// <summary>Prints what a job would do (validate, <c>run --dry-run</c>): inventory, destination, actions, batching.</summary>
internal static class PlanWriter
{
    public static void Write(ToolConsole console, JobSession session)
    {
        var job = session.Job;
        console.Result($"job: {Path.GetFullPath(job.File)}{(job.OriginalTask is null ? "" : $" (original {job.OriginalTask} task)")}");
        console.Result($"source: {job.SourcePlugin}; sink: {job.SinkPlugin}");
        console.Result($"batches: up to {ProgressFormat.Bytes(job.Settings.Batch.Bytes)} each, {job.Settings.Batch.InFlight} in flight; verify: {EnumNames.ToKebab(job.Settings.Verify.ToString())}; ids: {EnumNames.ToKebab(job.Settings.Ids.ToString())}; nan_policy: {EnumNames.ToKebab(job.Settings.NanPolicy.ToString())}");
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
}
