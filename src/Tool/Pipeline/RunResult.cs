namespace MilvusDm.Tool.Pipeline;

/// <summary>The outcome of a whole job.</summary>
internal sealed record RunResult(IReadOnlyList<DatasetOutcome> Datasets, TimeSpan Elapsed, bool Cancelled)
{
    public long RowsRead => Datasets.Sum(d => d.RowsRead);

    public long RowsWritten => Datasets.Sum(d => d.RowsWritten);

    public long VectorBytes => Datasets.Sum(d => d.VectorBytes);

    public bool VerificationFailed => Datasets.Any(d => d.Verification == "failed");

    /// <summary>
    /// Whether the destinations were read back and their digests compared. A resumed run with <c>verify: digest</c>
    /// checks counts only (the rows sent before the interruption were never digested), and must not be called a
    /// digest check in the summary or the report.
    /// </summary>
    public bool DigestChecked { get; init; }
}
