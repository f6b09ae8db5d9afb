using System.Runtime.CompilerServices;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.MilvusLegacy.Format;
using MilvusDm.Plugins.MilvusLegacy.Meta;

namespace MilvusDm.Plugins.MilvusLegacy;

/// <summary>
/// A Milvus 0.10/1.x storage folder: one dataset per selected collection partition, rows read from the raw segment
/// files with deleted rows removed. Every selected segment is checked when the datasets are listed, before any row
/// is streamed.
/// </summary>
internal sealed class MilvusLegacySource(string storagePath, IReadOnlyList<string> secondaryPaths, IMetaStore meta, DatasetSelection selection, IPluginLog log) : IVectorSource
{
    private List<DatasetPlan>? _plans;

    public async ValueTask<IReadOnlyList<DatasetInfo>> ListDatasetsAsync(CancellationToken cancellationToken) =>
        [.. (await PlanAsync(cancellationToken).ConfigureAwait(false)).Select(p => p.Info)];

    public async IAsyncEnumerable<VectorBatch> ReadAsync(DatasetInfo dataset, ReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        DatasetPlan plan = (await PlanAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.Info.Name == dataset.Name)
            ?? throw new ArgumentException($"This source holds no dataset '{dataset.Name}'.", nameof(dataset));
        using var streamer = new SegmentStreamer(plan.Segments, plan.RowBytes);
        foreach (VectorBatch batch in streamer.Read(options, cancellationToken))
        {
            yield return batch;

            // Local file reads complete synchronously; yielding keeps a long read from starving the consumer's thread.
            await Task.Yield();
        }
    }

    private async Task<List<DatasetPlan>> PlanAsync(CancellationToken cancellationToken)
    {
        if (_plans is not null)
        {
            return _plans;
        }

        if (!Directory.Exists(storagePath))
        {
            throw new SourceDataException($"{storagePath}: no such folder");
        }

        WalCheck.Warn(storagePath, log.Warn);
        var catalog = new LegacyCatalog(await meta.ReadTablesAsync(cancellationToken).ConfigureAwait(false));
        var planner = new DatasetPlanner(storagePath, meta, new SegmentLocator(storagePath, secondaryPaths), log.Warn);
        var plans = new List<DatasetPlan>();
        foreach (LegacyPartition partition in selection.Select(catalog, meta.Location, log.Warn))
        {
            plans.Add(await planner.PlanAsync(partition, cancellationToken).ConfigureAwait(false));
        }

        return _plans = plans;
    }

    public ValueTask DisposeAsync() => meta.DisposeAsync();
}
