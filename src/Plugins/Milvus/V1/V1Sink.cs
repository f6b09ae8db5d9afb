using System.Globalization;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Client;
using MilvusDm.Plugins.Milvus.Protos.V1;
using MilvusDm.Plugins.Milvus.Sink;

namespace MilvusDm.Plugins.Milvus.V1;

/// <summary>
/// Writes datasets into a Milvus 0.10/1.x server (protocol reference 9): collections created with the dimension,
/// index_file_size and the 1.x metric number, partitions by tag, modes skip/append/overwrite applied once per
/// destination per job, inserts of row records with the source's ids (or server ids with <c>ids: auto</c>) under the
/// 1.x size limit, then Flush and a CountCollection check. 1.x rows are an int64 id and one float or binary vector.
/// </summary>
internal sealed class V1Sink : IReadableSink
{
    private const long DefaultIndexFileSize = 1024;

    private readonly MilvusSinkConfig _config;
    private readonly MilvusEndpoint _endpoint;
    private readonly PluginContext _context;
    private readonly string _serverVersion;
    private readonly string _server;
    private readonly MilvusV1Client _client;
    private readonly HashSet<string> _owned = new(StringComparer.Ordinal);
    private readonly HashSet<string> _skipped = new(StringComparer.Ordinal);

    /// <summary>Collection to the datasets planned into it, in plan order (the first one applies the mode).</summary>
    private readonly Dictionary<string, List<string>> _planned = new(StringComparer.Ordinal);

    public V1Sink(MilvusSinkConfig config, MilvusEndpoint endpoint, PluginContext context, string serverVersion)
    {
        _config = config;
        _endpoint = endpoint;
        _context = context;
        _serverVersion = serverVersion;
        _server = endpoint.ServerDisplay;
        _client = new MilvusV1Client(endpoint.ToChannelSettings());
        if (endpoint.DbName != "default")
        {
            context.Log.Warn($"{_server} is a Milvus {serverVersion} (1.x) server, which has no databases: db_name {endpoint.DbName} is ignored");
        }
        if (config.IndexType is not null || config.IndexParams is not null || config.Load)
        {
            context.Log.Warn($"{_server} is a Milvus {serverVersion} (1.x) server: index_type, index_params and load are ignored (1.x builds its index by CreateIndex later)");
        }
    }

    public async ValueTask<SinkPlan> PlanAsync(SinkTarget target, CancellationToken cancellationToken)
    {
        var names = DestinationNames.For(target, _config);
        CheckJob(target);
        string metric = MilvusMetrics.Resolve(target.Source, _config.Metric ?? _config.CollectionParameter?.MetricType, _context.Log.Warn);
        V1Metrics.Code(metric, target.Source.Name);
        var planned = _planned.TryGetValue(names.Collection, out var list) ? list : _planned[names.Collection] = [];
        if (!planned.Contains(target.Source.Name))
        {
            planned.Add(target.Source.Name);
        }

        bool first = planned[0] == target.Source.Name;
        bool exists = await _client.HasCollectionAsync(names.Collection, cancellationToken).ConfigureAwait(false);
        string mode = target.Resuming ? "append (resuming)" : !first ? $"append (after {planned[0]})" : _config.Mode.ToString().ToLowerInvariant();
        var actions = new List<string>
        {
            exists ? $"collection {names.Collection} exists: {mode}"
                : $"create collection {names.Collection} (Milvus {_serverVersion}, dim {target.Schema.Vector.Dim}, {metric}, index_file_size {IndexFileSize} MB)",
        };
        if (names.Partition is not null)
        {
            actions.Add($"write into partition {names.Partition}");
        }

        actions.Add(target.Schema.HasIds ? (target.Resuming ? "delete then insert rows with their ids" : "insert rows with their ids") : "insert rows, server-assigned ids");
        actions.Add("flush, then check the row count");
        bool keeps = !(exists && first && _config.Mode == WriteMode.Overwrite && !target.Resuming);
        return new SinkPlan(Destination(names), actions) { KeepsExistingRows = keeps };
    }

    public async ValueTask<IDatasetWriter> OpenAsync(SinkTarget target, CancellationToken cancellationToken)
    {
        var names = DestinationNames.For(target, _config);
        CheckJob(target);
        string metric = MilvusMetrics.Resolve(target.Source, _config.Metric ?? _config.CollectionParameter?.MetricType, _context.Log.Warn);
        int metricCode = V1Metrics.Code(metric, target.Source.Name);
        string destination = Destination(names);
        if (_skipped.Contains(destination))
        {
            return new SkippedDatasetWriter(destination);
        }

        bool exists = await _client.HasCollectionAsync(names.Collection, cancellationToken).ConfigureAwait(false);
        bool partitionExists = exists && names.Partition is not null
            && await _client.HasPartitionAsync(names.Collection, names.Partition, cancellationToken).ConfigureAwait(false);
        if (exists && !target.Resuming && !_owned.Contains(names.Collection) && !_owned.Contains(destination))
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
                        await CheckExistingAsync(names.Collection, target, metric, cancellationToken).ConfigureAwait(false);
                        await _client.DropPartitionAsync(names.Collection, names.Partition, cancellationToken).ConfigureAwait(false);
                        await WaitGoneAsync(() => _client.HasPartitionAsync(names.Collection, names.Partition, cancellationToken), cancellationToken).ConfigureAwait(false);
                        partitionExists = false;
                    }

                    break;
                case WriteMode.Overwrite:
                    await _client.DropCollectionAsync(names.Collection, cancellationToken).ConfigureAwait(false);
                    await WaitGoneAsync(() => _client.HasCollectionAsync(names.Collection, cancellationToken), cancellationToken).ConfigureAwait(false);
                    exists = false;
                    break;
            }
        }

        if (exists)
        {
            await CheckExistingAsync(names.Collection, target, metric, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _client.CreateCollectionAsync(new CollectionSchema
            {
                CollectionName = names.Collection,
                Dimension = target.Schema.Vector.Dim,
                IndexFileSize = IndexFileSize,
                MetricType = metricCode,
            }, cancellationToken).ConfigureAwait(false);
            _owned.Add(names.Collection);
        }

        _owned.Add(destination);
        if (names.Partition is not null && !partitionExists)
        {
            await _client.CreatePartitionAsync(names.Collection, names.Partition, cancellationToken).ConfigureAwait(false);
        }

        long before = 0;
        if (exists)
        {
            await _client.FlushAsync(names.Collection, cancellationToken).ConfigureAwait(false);
            before = await _client.CountCollectionAsync(names.Collection, cancellationToken).ConfigureAwait(false);
        }

        var settings = new V1WriteSettings(names.Collection, names.Partition ?? "_default", target.Schema.Vector.Type == VectorType.Binary, target.Schema.HasIds,
            Math.Clamp(_config.BatchBytes, 1024, V1WriteSettings.MaxRequestBytes), Math.Max(1, _config.InFlight), Math.Max(1, _config.MaxAttempts),
            DeleteFirst: target.Resuming && target.Schema.HasIds);
        V1DatasetWriter? writer = null;
        writer = new V1DatasetWriter(_client, settings, target,
            (rows, ct) => FinishAsync(names, metric, before, rows, writer!.AmbiguousResends, target, ct));
        return writer;
    }

    public async ValueTask<IVectorSource?> OpenDestinationAsync(SinkTarget target, CancellationToken cancellationToken)
    {
        var names = DestinationNames.For(target, _config);
        if (!await _client.HasCollectionAsync(names.Collection, cancellationToken).ConfigureAwait(false)
            || (names.Partition is not null && !await _client.HasPartitionAsync(names.Collection, names.Partition, cancellationToken).ConfigureAwait(false)))
        {
            return null;
        }

        // Rows written without a partition are in _default: each destination is checked against its own rows only.
        string selection = $"{names.Collection}/{names.Partition ?? "_default"}";
        return new V1Source(_endpoint, [selection], perPartition: false, _context, _serverVersion);
    }

    private long IndexFileSize => _config.CollectionParameter?.IndexFileSize ?? DefaultIndexFileSize;

    private async Task<SinkDatasetResult> FinishAsync(DestinationNames names, string metric, long before, long rows, int ambiguousResends,
        SinkTarget target, CancellationToken ct)
    {
        // A 1.x server counts and lists only persisted segments: Flush makes every acknowledged insert visible.
        await _client.FlushAsync(names.Collection, ct).ConfigureAwait(false);
        var properties = new Dictionary<string, string>
        {
            ["collection"] = names.Collection,
            ["partition"] = names.Partition ?? "_default",
            ["metric"] = metric,
            ["protocol"] = "1.x",
            ["server_version"] = _serverVersion,
            ["resends"] = ambiguousResends.ToString(CultureInfo.InvariantCulture),
        };
        if (_config.CountCheck && target.Verify != VerifyLevel.None && !target.Resuming)
        {
            long after = await _client.CountCollectionAsync(names.Collection, ct).ConfigureAwait(false);
            properties["count_before"] = before.ToString(CultureInfo.InvariantCulture);
            properties["count_after"] = after.ToString(CultureInfo.InvariantCulture);
            if (!target.Schema.HasIds && after - before > rows && ambiguousResends > 0)
            {
                _context.Log.Warn($"{Destination(names)}: {after - before - rows} rows may be stored twice (server-assigned ids, {ambiguousResends} requests re-sent after ambiguous failures)");
            }
            else if (after - before != rows)
            {
                throw new VerificationException(
                    $"{Destination(names)}: the collection grew by {after - before} rows but {rows} were written (count before {before}, after {after})");
            }
        }

        return new SinkDatasetResult(Destination(names), rows, Skipped: false) { Properties = properties };
    }

    /// <summary>An existing collection must hold the source's kind and dimension of vectors; otherwise exit 4 before any row.</summary>
    private async Task CheckExistingAsync(string collection, SinkTarget target, string metric, CancellationToken ct)
    {
        var schema = await _client.DescribeCollectionAsync(collection, ct).ConfigureAwait(false);
        var source = target.Schema.Vector;
        bool binary = V1Metrics.IsBinary(schema.MetricType);
        string existing = V1Metrics.Name(schema.MetricType) ?? $"metric {schema.MetricType}";
        if (schema.Dimension != source.Dim || binary != (source.Type == VectorType.Binary))
        {
            throw new DestinationException(
                $"{_server}/{collection} holds {(binary ? "binary" : "float")} vectors of dim {schema.Dimension} ({existing}), but the source {target.Source.Name} has {source.Type.ToContractName()} vectors of dim {source.Dim}");
        }

        if (!string.Equals(existing, metric, StringComparison.Ordinal))
        {
            _context.Log.Warn($"{_server}/{collection} exists with metric {existing}; it keeps it ({metric} is not applied)");
        }
    }

    /// <summary>What 1.x cannot store is refused before anything is created.</summary>
    private void CheckJob(SinkTarget target)
    {
        var schema = target.Schema;
        if (_config.CollectionParameter?.Dimension is int dimension && dimension != schema.Vector.Dim)
        {
            throw new ConfigException($"milvus: collection_parameter.dimension is {dimension} but the source {target.Source.Name} has dim {schema.Vector.Dim}");
        }

        if (_config.Mode == WriteMode.Replace)
        {
            throw new ConfigException($"milvus: mode replace needs Milvus 2.x aliases; {_server} runs Milvus {_serverVersion} (use overwrite)");
        }

        string where = $"{_server} (Milvus {_serverVersion})";
        if (schema.Vector.Type is not (VectorType.Float32 or VectorType.Binary))
        {
            throw new DestinationException($"{where} stores float32 and binary vectors only; the source {target.Source.Name} has {schema.Vector.Type.ToContractName()} vectors");
        }

        if (schema.KeyType == KeyType.VarChar)
        {
            throw new DestinationException($"{where} has int64 ids only; the source {target.Source.Name} has VarChar keys");
        }

        if (schema.Scalars.Count > 0)
        {
            throw new DestinationException(
                $"{where} stores an id and a vector per row only; the source {target.Source.Name} has scalar fields {string.Join(", ", schema.Scalars.Select(s => s.Name))}");
        }
    }

    /// <summary>Drops in 1.x finish in the background; the original tool waited for has_collection/has_partition to turn false.</summary>
    private static async Task WaitGoneAsync(Func<Task<bool>> exists, CancellationToken ct)
    {
        for (int attempt = 0; await exists().ConfigureAwait(false); attempt++)
        {
            if (attempt >= 300)
            {
                throw new DestinationException("the server still lists what was dropped after 60 s");
            }

            await Task.Delay(200, ct).ConfigureAwait(false);
        }
    }

    private string Destination(DestinationNames names) =>
        $"{_server}/{names.Collection}" + (names.Partition is null ? "" : $"/{names.Partition}");

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
