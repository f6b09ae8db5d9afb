using System.Globalization;
using System.Runtime.CompilerServices;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Faiss.Format;

namespace MilvusDm.Plugins.Faiss;

/// <summary>One Faiss index file as one dataset. The file is parsed once (structure only) and streamed per read.</summary>
internal sealed class FaissSource(string path, bool allowLossy, IPluginLog log) : IVectorSource
{
    private RowPlan? _plan;

    public ValueTask<IReadOnlyList<DatasetInfo>> ListDatasetsAsync(CancellationToken cancellationToken)
    {
        RowPlan plan = Plan();
        var properties = new Dictionary<string, string>
        {
            ["index_type"] = plan.Root.Describe(),
            ["faiss_class"] = plan.Root.Type.ClassName,
        };
        if (plan.Root.Header.MetricType > 1 && !plan.Root.Type.Binary)
        {
            properties["metric_arg"] = plan.Root.Header.MetricArg.ToString(CultureInfo.InvariantCulture);
        }

        if (plan.OnDiskData is { } onDisk)
        {
            properties["ivfdata"] = onDisk.Used;
        }

        if (plan.Lossy)
        {
            properties["lossy"] = "true";
        }

        var dataset = new DatasetInfo(
            Path.GetFileName(path),
            DatasetSchema.Of(plan.VectorType, plan.Dim, plan.HasIds ? KeyType.Int64 : null, plan.Metric),
            plan.Rows)
        {
            SuggestedCollection = Path.GetFileNameWithoutExtension(path),
            Location = path,
            Properties = properties,
        };
        return ValueTask.FromResult<IReadOnlyList<DatasetInfo>>([dataset]);
    }

    public async IAsyncEnumerable<VectorBatch> ReadAsync(DatasetInfo dataset, ReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Name != Path.GetFileName(path))
        {
            throw new ArgumentException($"This source holds only '{Path.GetFileName(path)}', not '{dataset.Name}'.", nameof(dataset));
        }

        using var streamer = new RowStreamer(Plan());
        foreach (VectorBatch batch in streamer.Read(options, cancellationToken))
        {
            yield return batch;

            // Local file reads complete synchronously; yielding keeps a long read from starving the consumer's thread.
            await Task.Yield();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private RowPlan Plan()
    {
        if (_plan is not null)
        {
            return _plan;
        }

        _plan = RowPlanner.Plan(path, allowLossy);
        if (_plan.OnDiskData is { } onDisk && onDisk.Used != onDisk.Stored)
        {
            log.Warn($"{path}: the on-disk inverted lists are not at their stored path '{onDisk.Stored}'; using '{onDisk.Used}' beside the index");
        }

        if (_plan.Lossy)
        {
            log.Warn($"{path}: {_plan.Root.Describe()} stores quantized codes; allow_lossy is set, so the vectors are decoded as Faiss reconstructs them and are only approximately the original ones");
        }

        return _plan;
    }
}
