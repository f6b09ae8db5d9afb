using System.Text.Json;
using MilvusDm.Tool.Pipeline;

namespace MilvusDm.Tool.Output;

/// <summary>Writes <c>--report FILE</c>: per dataset rows read and written, digests, verification result and error.</summary>
internal static class ReportWriter
{
    public static async Task WriteAsync(string path, string jobFile, RunResult result, string? error, CancellationToken cancellationToken)
    {
        var document = new
        {
            job = Path.GetFullPath(jobFile),
            status = error is not null ? "failed" : result.Cancelled ? "cancelled" : result.VerificationFailed ? "verification_failed" : "succeeded",
            error,
            elapsed_seconds = Math.Round(result.Elapsed.TotalSeconds, 3),
            rows_read = result.RowsRead,
            rows_written = result.RowsWritten,
            digest_checked = result.DigestChecked,
            datasets = result.Datasets.Select(d => new
            {
                name = d.Dataset,
                destination = d.Destination,
                rows_read = d.RowsRead,
                rows_written = d.RowsWritten,
                rows_dropped_nan = d.RowsDroppedNaN,
                rows_dropped_duplicate_ids = d.RowsDroppedDuplicate,
                rows_maybe_duplicated = d.RowsMaybeDuplicated,
                vector_bytes = d.VectorBytes,
                skipped = d.Skipped,
                digest = d.Digests?.Digest.ToString(),
                vectors_digest = d.Digests?.VectorsDigest.ToString(),
                verification = d.Verification,
                error = d.Error,
                elapsed_seconds = Math.Round(d.Elapsed.TotalSeconds, 3),
            }),
        };

        // Written beside the target and renamed, so a reader never sees half a report.
        string full = Path.GetFullPath(path);
        string temporary = full + ".tmp";
        await using (FileStream stream = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(stream, document, JsonOptions.Indented, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, full, overwrite: true);
    }
}
