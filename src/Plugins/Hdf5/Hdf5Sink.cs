using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5;

/// <summary>Writes each dataset to <c>&lt;dir&gt;/&lt;collection&gt;/&lt;partition&gt;.h5</c> (modes skip and overwrite).</summary>
internal sealed class Hdf5Sink : IReadableSink
{
    private readonly string _dir;
    private readonly WriteMode _mode;
    private readonly IPluginLog _log;
    private readonly Manifest _manifest;
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    public Hdf5Sink(string dir, WriteMode mode, IPluginLog log)
    {
        if (mode is not (WriteMode.Skip or WriteMode.Overwrite))
        {
            throw new ConfigException($"hdf5 sink: mode '{mode.ToString().ToLowerInvariant()}' is not supported; use skip or overwrite");
        }

        _dir = dir;
        _mode = mode;
        _log = log;
        _manifest = new Manifest(dir);
    }

    public ValueTask<SinkPlan> PlanAsync(SinkTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var output = OutputFile.For(_dir, target);
        string action = !File.Exists(output.Path) || _written.Contains(output.Path)
            ? $"create {output.Path}"
            : _mode == WriteMode.Skip ? $"skip {output.Path}: the file exists (mode skip)" : $"overwrite {output.Path}";
        return ValueTask.FromResult(new SinkPlan(output.Path, [action]) { KeepsExistingRows = false });
    }

    public ValueTask<IDatasetWriter> OpenAsync(SinkTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var output = OutputFile.For(_dir, target);
        if (_written.Contains(output.Path))
        {
            throw new DestinationException($"{output.Path}: two datasets of this job map to the same file (collection '{output.Collection}', partition '{output.Partition}'); HDF5 files are not appended to");
        }

        // A resumed dataset was prepared by the interrupted run: a file under the final name is that run's own output
        // (its manifest entry may be missing), so it is written again rather than skipped.
        bool skip = File.Exists(output.Path) && _mode == WriteMode.Skip && !target.Resuming;
        if (skip)
        {
            _log.Info($"{output.Path} exists; skipped (mode skip)");
        }

        string metric = MilvusMetrics.Resolve(target.Source, null, _log.Warn);
        _written.Add(output.Path);
        return ValueTask.FromResult<IDatasetWriter>(new Hdf5DatasetWriter(output, target, metric, _manifest, skip));
    }

    public ValueTask<IVectorSource?> OpenDestinationAsync(SinkTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var output = OutputFile.For(_dir, target);
        return ValueTask.FromResult<IVectorSource?>(File.Exists(output.Path) ? new Hdf5Source([output.Path], null, null) : null);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
