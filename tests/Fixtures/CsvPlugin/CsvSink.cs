using MilvusDm.Abstractions;

namespace CsvPlugin;

/// <summary>
/// Writes each dataset to <c>&lt;dir&gt;/&lt;collection&gt;.csv</c>, through a temporary file renamed when complete, and
/// reads it back for <c>verify: digest</c>.
/// </summary>
public sealed class CsvSink(string dir, string? collection, WriteMode mode) : IReadableSink
{
    private readonly HashSet<string> _prepared = new(StringComparer.Ordinal);

    public ValueTask<SinkPlan> PlanAsync(SinkTarget target, CancellationToken cancellationToken)
    {
        string file = FileFor(target);
        string action = !File.Exists(file) || _prepared.Contains(file) ? $"create {file}" : mode == WriteMode.Skip ? "skip: file exists" : $"overwrite {file}";
        return ValueTask.FromResult(new SinkPlan(file, [action]) { KeepsExistingRows = false });
    }

    public ValueTask<IDatasetWriter> OpenAsync(SinkTarget target, CancellationToken cancellationToken)
    {
        if (mode is not (WriteMode.Skip or WriteMode.Overwrite))
        {
            throw new ConfigException($"csv sink: mode '{mode}' is not supported; use skip or overwrite");
        }

        string file = FileFor(target);
        bool skip = File.Exists(file) && mode == WriteMode.Skip && !_prepared.Contains(file);
        _prepared.Add(file);
        Directory.CreateDirectory(dir);
        return ValueTask.FromResult<IDatasetWriter>(new CsvDatasetWriter(file, skip));
    }

    public ValueTask<IVectorSource?> OpenDestinationAsync(SinkTarget target, CancellationToken cancellationToken)
    {
        string file = FileFor(target);
        return ValueTask.FromResult<IVectorSource?>(File.Exists(file) ? new CsvSource(file, hasIds: target.Schema.HasIds, "L2") : null);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string FileFor(SinkTarget target) =>
        Path.Combine(dir, (collection ?? target.Source.SuggestedCollection ?? target.Source.Name) + ".csv");
}
