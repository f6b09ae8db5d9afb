namespace MilvusDm.Abstractions;

/// <summary>What a sink committed for one dataset.</summary>
/// <param name="Destination">Where the rows went (collection/partition, file path).</param>
/// <param name="RowsWritten">Rows the destination acknowledged.</param>
/// <param name="Skipped">The destination existed and the mode was <see cref="WriteMode.Skip"/>: nothing was written.</param>
public sealed record SinkDatasetResult(string Destination, long RowsWritten, bool Skipped)
{
    /// <summary>Facts worth reporting (e.g. created index, output file).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();
}
