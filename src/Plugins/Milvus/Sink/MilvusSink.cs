using System.Globalization;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Client;
using MilvusDm.Plugins.Milvus.Protos.Common;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using MilvusDm.Plugins.Milvus.Source;

namespace MilvusDm.Plugins.Milvus.Sink;

/// <summary>
/// Writes datasets into collections of a Milvus 2.3+ server: prepares the destination per the write mode (once per
/// destination per job: later datasets into the same collection append), checks an existing one against the source
/// before any row is written, and after the last row flushes, builds the index, optionally loads, and checks the
/// count. Mode replace writes into a staging collection and switches an alias to it once it is verified.
/// </summary>
internal sealed partial class MilvusSink : IReadableSink
{
    private readonly MilvusSinkConfig _config;
    private readonly MilvusEndpoint _endpoint;
    private readonly PluginContext _context;
    private readonly MilvusClient _client;
    private readonly CollectionSteps _steps;
    private readonly ExistingCollectionCheck _existing;
    private readonly AliasSwitch _aliases;

    /// <summary>Collection to the datasets planned into it, in plan order (replace publishes after the last).</summary>
    private readonly Dictionary<string, List<string>> _planned = new(StringComparer.Ordinal);

    /// <summary>Collections and collection/partition destinations this job created, emptied or wrote: the mode is not applied to them again.</summary>
    private readonly HashSet<string> _owned = new(StringComparer.Ordinal);

    private readonly HashSet<string> _skipped = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReplaceState> _replacing = new(StringComparer.Ordinal);
    private Task<string>? _probe;

    public MilvusSink(MilvusSinkConfig config, MilvusEndpoint endpoint, PluginContext context)
    {
        _config = config;
        _endpoint = endpoint;
        _context = context;
        if (endpoint.SkipTlsVerify)
        {
            context.Log.Warn($"{endpoint.Display}: TLS certificate verification is OFF (skip_tls_verify); anyone on the path can read and change the data");
        }

        _client = new MilvusClient(endpoint.ToChannelSettings());
        _steps = new CollectionSteps(_client, config);
        _existing = new ExistingCollectionCheck(_client, _steps, endpoint.Display);
        _aliases = new AliasSwitch(_client, endpoint.Display, context.Log);
    }

    public async ValueTask<SinkPlan> PlanAsync(SinkTarget target, CancellationToken cancellationToken)
    {
        var names = Names(target);
        CheckJobAgainstSource(target);
        var planned = _planned.TryGetValue(names.Collection, out var list) ? list : _planned[names.Collection] = [];
        if (!planned.Contains(target.Source.Name))
        {
            planned.Add(target.Source.Name);
        }

        bool first = planned[0] == target.Source.Name;
        await EnsureServerAsync(cancellationToken).ConfigureAwait(false);
        if (_config.Mode == WriteMode.Replace)
        {
            return await PlanReplaceAsync(target, names, first, cancellationToken).ConfigureAwait(false);
        }

        bool exists = await HasCollectionAsync(names.Collection, cancellationToken).ConfigureAwait(false);
        var actions = new List<string>();
        string mode = target.Resuming ? "append (resuming)" : !first ? $"append (after {planned[0]})" : _config.Mode.ToString().ToLowerInvariant();
        actions.Add(exists ? $"collection {names.Collection} exists: {mode}" : $"create collection {names.Collection}");
        if (exists && first && !target.Resuming && _config.Mode == WriteMode.Overwrite)
        {
            actions.Add(names.Partition is null
                ? $"drop collection {names.Collection} first: readers see no or partial data until the copy ends (mode replace avoids this)"
                : $"drop partition {names.Partition} first");
        }

        if (names.Partition is not null)
        {
            actions.Add($"write into partition {names.Partition}");
        }

        actions.Add(target.Resuming && target.Schema.HasIds ? "upsert keyed rows" : "insert rows");
        actions.Add("flush, then check the row count");
        if (!_steps.IndexNone)
        {
            actions.Add($"create index {_steps.IndexType} on {target.Schema.Vector.Name}");
        }

        bool keeps = !(exists && first && _config.Mode == WriteMode.Overwrite && !target.Resuming);
        return new SinkPlan(Destination(names), actions) { KeepsExistingRows = keeps };
    }

    public async ValueTask<IDatasetWriter> OpenAsync(SinkTarget target, CancellationToken cancellationToken)
    {
        var names = Names(target);
        CheckJobAgainstSource(target);
        string metric = MilvusMetrics.Resolve(target.Source, _config.Metric ?? _config.CollectionParameter?.MetricType, _context.Log.Warn);
        await EnsureServerAsync(cancellationToken).ConfigureAwait(false);
        if (_config.Mode == WriteMode.Replace)
        {
            return await OpenReplacingAsync(target, names, metric, cancellationToken).ConfigureAwait(false);
        }

        string destination = Destination(names);
        if (_skipped.Contains(destination))
        {
            return new SkippedDatasetWriter(destination);
        }

        bool exists = await HasCollectionAsync(names.Collection, cancellationToken).ConfigureAwait(false);
        bool partitionExists = exists && names.Partition is not null && await HasPartitionAsync(names, cancellationToken).ConfigureAwait(false);
        bool collectionOwned = _owned.Contains(names.Collection);
        bool destinationOwned = _owned.Contains(destination);
        if (exists && !target.Resuming && !collectionOwned && !destinationOwned)
        {
            switch (_config.Mode)
            {
                case WriteMode.Skip when names.Partition is null || partitionExists:
                    _context.Log.Info($"{destination} exists; mode skip leaves it untouched");
                    _skipped.Add(destination);
                    return new SkippedDatasetWriter(destination);
                case WriteMode.Overwrite when names.Partition is not null:
                    if (partitionExists)
                    {
                        await _existing.CheckAsync(names.Collection, target, cancellationToken).ConfigureAwait(false);
                        await _client.ReleaseCollectionAsync(new ReleaseCollectionRequest { CollectionName = names.Collection }, cancellationToken).ConfigureAwait(false);
                        await _client.DropPartitionAsync(new DropPartitionRequest { CollectionName = names.Collection, PartitionName = names.Partition }, cancellationToken).ConfigureAwait(false);
                        partitionExists = false;
                    }

                    break;
                case WriteMode.Overwrite:
                    await _client.DropCollectionAsync(new DropCollectionRequest { CollectionName = names.Collection }, cancellationToken).ConfigureAwait(false);
                    exists = false;
                    break;
            }
        }

        ExistingShape shape;
        if (exists)
        {
            shape = await _existing.CheckAsync(names.Collection, target, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            shape = await CreateCollectionAsync(names.Collection, target, cancellationToken).ConfigureAwait(false);
            _owned.Add(names.Collection);
        }

        _owned.Add(destination);
        if (names.Partition is not null && !partitionExists)
        {
            await _client.CreatePartitionAsync(new CreatePartitionRequest { CollectionName = names.Collection, PartitionName = names.Partition }, cancellationToken).ConfigureAwait(false);
        }

        long before = exists ? await _steps.CountAsync(names.Collection, shape.Loaded, flush: true, cancellationToken).ConfigureAwait(false) : 0;
        MilvusDatasetWriter? writer = null;
        writer = CreateWriter(names, shape, target, (rows, ct) => FinishAsync(names, shape, metric, before, rows, writer!.AmbiguousResends, target, _config.Load, ct));
        return writer;
    }

    public async ValueTask<IVectorSource?> OpenDestinationAsync(SinkTarget target, CancellationToken cancellationToken)
    {
        var names = Names(target);
        await EnsureServerAsync(cancellationToken).ConfigureAwait(false);
        if (!await HasCollectionAsync(names.Collection, cancellationToken).ConfigureAwait(false)
            || (names.Partition is not null && !await HasPartitionAsync(names, cancellationToken).ConfigureAwait(false)))
        {
            return null;
        }

        // Rows written without a partition are in _default: read only that, so that a job writing a collection's
        // default partition and other partitions of it checks each destination against its own rows. A partition-key
        // collection has no _default: its rows are spread over its partitions by key, so the whole of it is read.
        string selection = names.Partition is not null ? $"{names.Collection}/{names.Partition}"
            : await HasPartitionKeyAsync(names.Collection, cancellationToken).ConfigureAwait(false) ? names.Collection
            : $"{names.Collection}/_default";
        return new MilvusSource(_endpoint, [selection], perPartition: false, _context);
    }

    private MilvusDatasetWriter CreateWriter(DestinationNames names, ExistingShape shape, SinkTarget target,
        Func<long, CancellationToken, Task<SinkDatasetResult>> complete, Action<VectorBatch>? observe = null)
    {
        var settings = new WriteSettings(names.Collection, names.Partition, shape.KeyName, shape.VectorName, !shape.AutoId,
            Math.Max(1024, _config.BatchBytes), Math.Max(1, _config.InFlight), Math.Max(1, _config.MaxAttempts), AlwaysUpsert: target.Resuming);
        var columns = new ColumnWriter(shape.KeyName, shape.VectorName, target.Schema.Vector, !shape.AutoId);
        return new MilvusDatasetWriter(_client, settings, columns, target, complete, observe);
    }

    private async Task<ExistingShape> CreateCollectionAsync(string collection, SinkTarget target, CancellationToken ct)
    {
        bool autoId = target.Schema.KeyType is null;
        await _client.CreateCollectionAsync(CollectionSchemaFactory.Request(collection, target), ct).ConfigureAwait(false);
        return new ExistingShape(target.Schema.KeyName, target.Schema.Vector.Name, autoId, HasIndex: false, Loaded: false);
    }

    private async Task<SinkDatasetResult> FinishAsync(DestinationNames names, ExistingShape shape, string metric, long before, long rows,
        int ambiguousResends, SinkTarget target, bool load, CancellationToken ct)
    {
        await _steps.FlushAsync(names.Collection, ct).ConfigureAwait(false);
        if (!shape.HasIndex)
        {
            await _steps.CreateIndexAsync(names.Collection, shape.VectorName, metric, ct).ConfigureAwait(false);
        }

        bool loaded = shape.Loaded;
        if (load && !loaded)
        {
            await _steps.LoadAsync(names.Collection, ct).ConfigureAwait(false);
            loaded = true;
        }

        var properties = new Dictionary<string, string>
        {
            ["collection"] = names.Collection,
            ["partition"] = names.Partition ?? "_default",
            ["metric"] = metric,
            ["upsert_resends"] = ambiguousResends.ToString(CultureInfo.InvariantCulture),
        };
        if (_config.CountCheck && target.Verify != VerifyLevel.None && !target.Resuming)
        {
            long after = await _steps.CountAsync(names.Collection, loaded, flush: false, ct).ConfigureAwait(false);
            properties["count_before"] = before.ToString(CultureInfo.InvariantCulture);
            properties["count_after"] = after.ToString(CultureInfo.InvariantCulture);
            if (shape.AutoId && after - before > rows && ambiguousResends > 0)
            {
                _context.Log.Warn($"{Destination(names)}: {after - before - rows} rows may be stored twice (Milvus-assigned keys, {ambiguousResends} requests re-sent after ambiguous failures)");
            }
            else if (after - before != rows)
            {
                throw new VerificationException(
                    $"{Destination(names)}: the collection grew by {after - before} rows but {rows} were written (count before {before}, after {after})");
            }
        }

        return new SinkDatasetResult(Destination(names), rows, Skipped: false) { Properties = properties };
    }

    private void CheckJobAgainstSource(SinkTarget target)
    {
        if (_config.CollectionParameter?.Dimension is int dimension && dimension != target.Schema.Vector.Dim)
        {
            throw new ConfigException(
                $"milvus: collection_parameter.dimension is {dimension} but the source {target.Source.Name} has dim {target.Schema.Vector.Dim}");
        }
    }

    private DestinationNames Names(SinkTarget target) => DestinationNames.For(target, _config);

    private string Destination(DestinationNames names) =>
        $"{_endpoint.Display}/{names.Collection}" + (names.Partition is null ? "" : $"/{names.Partition}");

    private Task<string> EnsureServerAsync(CancellationToken ct) =>
        _probe ??= MilvusServerProbe.ProbeAsync(_client, _endpoint.Display, _endpoint.VersionHint, _context.Log, ct);

    private async Task<bool> HasCollectionAsync(string collection, CancellationToken ct) =>
        (await _client.HasCollectionAsync(new HasCollectionRequest { CollectionName = collection }, ct).ConfigureAwait(false)).Value;

    private async Task<bool> HasPartitionKeyAsync(string collection, CancellationToken ct) =>
        (await _client.DescribeCollectionAsync(new DescribeCollectionRequest { CollectionName = collection }, ct).ConfigureAwait(false))
            .Schema.Fields.Any(f => f.IsPartitionKey);

    private async Task<bool> HasPartitionAsync(DestinationNames names, CancellationToken ct) =>
        (await _client.HasPartitionAsync(new HasPartitionRequest { CollectionName = names.Collection, PartitionName = names.Partition }, ct).ConfigureAwait(false)).Value;

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
