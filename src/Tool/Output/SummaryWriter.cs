using System.Globalization;
using MilvusDm.Tool.Pipeline;
using MilvusDm.Tool.Progress;

namespace MilvusDm.Tool.Output;

/// <summary>The final summary on standard output: per dataset and in total, rows, bytes, time, rate and digests.</summary>
internal static class SummaryWriter
{
    public static void Write(ToolConsole console, RunResult result)
    {
        string checkName = result.DigestChecked ? "digest check" : "count check";
        foreach (DatasetOutcome d in result.Datasets)
        {
            string status = d.Skipped ? "skipped (destination exists)" : $"{ProgressFormat.Rows(d.RowsRead)} rows read, {ProgressFormat.Rows(d.RowsWritten)} written";
            string digest = d.Digests is { } pair ? $", digest {(d.SourceHasIds ? pair.Digest : pair.VectorsDigest)}{(d.SourceHasIds ? "" : " (vectors_digest: source has no ids)")}" : "";
            string check = d.Verification is "passed" or "failed" ? $", {checkName} {d.Verification}" : "";
            console.Result($"{d.Dataset} -> {d.Destination}: {status}{digest}{check}");
        }

        double seconds = Math.Max(result.Elapsed.TotalSeconds, 1e-3);
        string state = result.Cancelled ? "cancelled" : result.VerificationFailed ? "finished with verification failures" : "done";
        console.Result(string.Format(
            CultureInfo.InvariantCulture,
            "{0}: {1} datasets, {2} rows read, {3} rows written, {4} in {5} ({6}, {7}/s)",
            state,
            result.Datasets.Count,
            ProgressFormat.Rows(result.RowsRead),
            ProgressFormat.Rows(result.RowsWritten),
            ProgressFormat.Bytes(result.VectorBytes),
            ProgressFormat.Duration(result.Elapsed),
            ProgressFormat.Rate(result.RowsRead / seconds),
            ProgressFormat.Bytes(result.VectorBytes / seconds)));
    }
}
