using System.Globalization;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Client;
using MilvusDm.Plugins.Milvus.Protos.Common;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using MilvusDm.Plugins.Milvus.Protos.Schema;
using KeyValuePair = MilvusDm.Plugins.Milvus.Protos.Common.KeyValuePair;

namespace MilvusDm.Plugins.Milvus.Sink;

/// <summary>
/// Writes datasets into collections of a Milvus 2.3+ server: prepares the destination per the write mode, checks an
/// existing one against the source before any row is written, and after the last row flushes, builds the index,
/// optionally loads, and checks the count.
/// </summary>
internal sealed class MilvusSink : IVectorSink
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly MilvusSinkConfig _config;
    private readonly MilvusEndpoint _endpoint;
    private readonly PluginContext _context;
    private readonly MilvusClient _client;
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
    }

    public async ValueTask<SinkPlan> PlanAsync(SinkTarget target, CancellationToken cancellationToken)
    {
        var names = Names(target);
        CheckJobAgainstSource(target);
        await EnsureServerAsync(cancellationToken).ConfigureAwait(false);
        bool exists = await HasCollectionAsync(names.Collection, cancellationToken).ConfigureAwait(false);
        var actions = new List<string>();
        string mode = target.Resuming ? "append (resuming)" : _config.Mode.ToString().ToLowerInvariant();
        actions.Add(exists ? $"collection {names.Collection} exists: {mode}" : $"create collection {names.Collection}");
        if (names.Partition is not null)
        {
            actions.Add($"write into partition {names.Partition}");
        }

        actions.Add(target.Resuming && target.Schema.HasIds ? "upsert keyed rows" : "insert rows");
        actions.Add("flush, then check the row count");
        if (!IndexNone)
        {
            actions.Add($"create index {IndexType} on {target.Schema.Vector.Name}");
        }

        bool keeps = !(exists && _config.Mode == WriteMode.Overwrite && !target.Resuming);
        return new SinkPlan(Destination(names), actions) { KeepsExistingRows = keeps };
    }

    public async ValueTask<IDatasetWriter> OpenAsync(SinkTarget target, CancellationToken cancellationToken)
    {
        var names = Names(target);
        CheckJobAgainstSource(target);
        string metric = MilvusMetrics.Resolve(target.Source, _config.Metric ?? _config.CollectionParameter?.MetricType, _context.Log.Warn);
        await EnsureServerAsync(cancellationToken).ConfigureAwait(false);
        string destination = Destination(names);
        bool exists = await HasCollectionAsync(names.Collection, cancellationToken).ConfigureAwait(false);
        bool partitionExists = exists && names.Partition is not null && await HasPartitionAsync(names, cancellationToken).ConfigureAwait(false);

        if (exists && !target.Resuming)
        {
            switch (_config.Mode)
            {
                case WriteMode.Skip when names.Partition is null || partitionExists:
                    _context.Log.Info($"{destination} exists; mode skip leaves it untouched");
                    return new SkippedDatasetWriter(destination);
                case WriteMode.Overwrite when names.Partition is not null:
                    if (partitionExists)
                    {
                        await CheckExistingAsync(names.Collection, target, cancellationToken).ConfigureAwait(false);
                        await _client.ReleaseCollectionAsync(new ReleaseCollectionRequest { CollectionName = names.Collection }, cancellationToken).ConfigureAwait(false);
                        await _client.DropPartitionAsync(new DropPartitionRequest { CollectionName = names.Collection, PartitionName = names.Partition }, cancellationToken).ConfigureAwait(false);
                        partitionExists = false;
                    }

                    break;
                case WriteMode.Overwrite:
                    await _client.DropCollectionAsync(new DropCollectionRequest { CollectionName = names.Collection }, cancellationToken).ConfigureAwait(false);
                    exists = false;
                    break;
                case WriteMode.Replace:
                    throw new ConfigException("milvus: mode replace (staging collection and alias switch) is not implemented yet; use overwrite");
            }
        }

        bool autoId = target.Schema.KeyType is null;
        ExistingShape shape;
        if (exists)
        {
            shape = await CheckExistingAsync(names.Collection, target, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var schema = CollectionSchemaFactory.Create(names.Collection, target.Schema, autoId);
            await _client.CreateCollectionAsync(new CreateCollectionRequest
            {
                CollectionName = names.Collection,
                Schema = Google.Protobuf.MessageExtensions.ToByteString(schema),
                ConsistencyLevel = ConsistencyLevel.Bounded,
            }, cancellationToken).ConfigureAwait(false);
            shape = new ExistingShape(target.Schema.KeyName, target.Schema.Vector.Name, autoId, HasIndex: false, Loaded: false);
        }

        if (names.Partition is not null && !partitionExists)
        {
            await _client.CreatePartitionAsync(new CreatePartitionRequest { CollectionName = names.Collection, PartitionName = names.Partition }, cancellationToken).ConfigureAwait(false);
        }

        long before = exists ? await CountAsync(names.Collection, shape.Loaded, flush: true, cancellationToken).ConfigureAwait(false) : 0;
        var settings = new WriteSettings(names.Collection, names.Partition, shape.KeyName, shape.VectorName, !shape.AutoId,
            Math.Max(1024, _config.BatchBytes), Math.Max(1, _config.InFlight), Math.Max(1, _config.MaxAttempts), AlwaysUpsert: target.Resuming);
        var columns = new ColumnWriter(shape.KeyName, shape.VectorName, target.Schema.Vector, !shape.AutoId);
        MilvusDatasetWriter? writer = null;
        writer = new MilvusDatasetWriter(_client, settings, columns, target,
            (rows, ct) => FinishAsync(names, shape, metric, before, rows, writer!.AmbiguousResends, target, ct));
        return writer;
    }

    private bool IndexNone => string.Equals(_config.IndexType, "none", StringComparison.OrdinalIgnoreCase);

    private string IndexType => string.IsNullOrWhiteSpace(_config.IndexType) ? "AUTOINDEX" : _config.IndexType.Trim().ToUpperInvariant();

    private async Task<SinkDatasetResult> FinishAsync(DestinationNames names, ExistingShape shape, string metric, long before, long rows,
        int ambiguousResends, SinkTarget target, CancellationToken ct)
    {
        await FlushAsync(names.Collection, ct).ConfigureAwait(false);
        if (!IndexNone && !shape.HasIndex)
        {
            var request = new CreateIndexRequest { CollectionName = names.Collection, FieldName = shape.VectorName };
            request.ExtraParams.Add(new KeyValuePair { Key = "index_type", Value = IndexType });
            request.ExtraParams.Add(new KeyValuePair { Key = "metric_type", Value = metric });
            if (!string.IsNullOrWhiteSpace(_config.IndexParams))
            {
                request.ExtraParams.Add(new KeyValuePair { Key = "params", Value = _config.IndexParams });
            }

            await _client.CreateIndexAsync(request, ct).ConfigureAwait(false);
            await WaitForIndexAsync(names.Collection, shape.VectorName, ct).ConfigureAwait(false);
        }

        bool loaded = shape.Loaded;
        if (_config.Load && !loaded)
        {
            await _client.LoadCollectionAsync(new LoadCollectionRequest { CollectionName = names.Collection }, ct).ConfigureAwait(false);
            await WaitForLoadAsync(names.Collection, ct).ConfigureAwait(false);
            loaded = true;
        }

        var properties = new Dictionary<string, string>
        {
            ["collection"] = names.Collection,
            ["partition"] = names.Partition ?? "_default",
            ["metric"] = metric,
            ["upsert_resends"] = ambiguousResends.ToString(CultureInfo.InvariantCulture),
        };
        if (_config.CountCheck && !target.Resuming)
        {
            long after = await CountAsync(names.Collection, loaded, flush: false, ct).ConfigureAwait(false);
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

    private async Task FlushAsync(string collection, CancellationToken ct)
    {
        var flush = await _client.FlushAsync(new FlushRequest { CollectionNames = { collection } }, ct).ConfigureAwait(false);
        var request = new GetFlushStateRequest { CollectionName = collection };
        if (flush.CollSegIDs.TryGetValue(collection, out var segments))
        {
            request.SegmentIDs.AddRange(segments.Data);
        }

        if (flush.CollFlushTs.TryGetValue(collection, out ulong ts))
        {
            request.FlushTs = ts;
        }

        while (!(await _client.GetFlushStateAsync(request, ct).ConfigureAwait(false)).Flushed)
        {
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    private async Task WaitForIndexAsync(string collection, string field, CancellationToken ct)
    {
        while (true)
        {
            var index = (await _client.DescribeIndexAsync(new DescribeIndexRequest { CollectionName = collection, FieldName = field }, ct).ConfigureAwait(false))
                .IndexDescriptions.FirstOrDefault();
            if (index is null || (index.State == IndexState.Finished && index.PendingIndexRows == 0))
            {
                return;
            }

            if (index.State == IndexState.Failed)
            {
                throw new DestinationException($"index on {collection}.{field} failed: {index.IndexStateFailReason}");
            }

            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    private async Task WaitForLoadAsync(string collection, CancellationToken ct)
    {
        while ((await _client.GetLoadStateAsync(new GetLoadStateRequest { CollectionName = collection }, ct).ConfigureAwait(false)).State != LoadState.Loaded)
        {
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>count(*) when loaded (exact); otherwise the statistics row count after a flush.</summary>
    private async Task<long> CountAsync(string collection, bool loaded, bool flush, CancellationToken ct)
    {
        if (loaded)
        {
            var result = await _client.QueryAsync(new QueryRequest
            {
                CollectionName = collection,
                OutputFields = { "count(*)" },
                ConsistencyLevel = ConsistencyLevel.Strong,
            }, ct).ConfigureAwait(false);
            return result.FieldsData.Single(f => f.FieldName == "count(*)").Scalars.LongData.Data.Single();
        }

        if (flush)
        {
            await FlushAsync(collection, ct).ConfigureAwait(false);
        }

        var stats = await _client.GetCollectionStatisticsAsync(new GetCollectionStatisticsRequest { CollectionName = collection }, ct).ConfigureAwait(false);
        var rowCount = stats.Stats.FirstOrDefault(s => s.Key == "row_count")?.Value;
        return long.TryParse(rowCount, CultureInfo.InvariantCulture, out long n) ? n : 0;
    }

    /// <summary>An existing destination must agree with the source; otherwise exit 4 before any row is written.</summary>
    private async Task<ExistingShape> CheckExistingAsync(string collection, SinkTarget target, CancellationToken ct)
    {
        var described = await _client.DescribeCollectionAsync(new DescribeCollectionRequest { CollectionName = collection }, ct).ConfigureAwait(false);
        var fields = described.Schema.Fields;
        var vectors = fields.Where(f => MilvusTypes.IsVector(f.DataType)).ToList();
        string where = $"{_endpoint.Display}/{collection}";
        if (vectors.Count != 1)
        {
            throw new DestinationException($"{where} has {vectors.Count} vector fields; milvusdm writes collections with exactly one");
        }

        var vector = vectors[0];
        var source = target.Schema.Vector;
        int dim = CollectionSchemaFactory.Dim(vector);
        if (MilvusTypes.VectorOf(vector.DataType) != source.Type || dim != source.Dim)
        {
            throw new DestinationException(
                $"{where}: field {vector.Name} is {vector.DataType} dim {dim}, but the source {target.Source.Name} has {source.Type.ToContractName()} vectors of dim {source.Dim}");
        }

        var pk = fields.Single(f => f.IsPrimaryKey);
        bool autoId = pk.AutoID;
        if (target.Schema.HasIds && autoId)
        {
            throw new DestinationException($"{where}: primary key {pk.Name} is autoID, so the source's ids cannot be kept; write to a new collection or use ids: auto");
        }

        if (!target.Schema.HasIds && !autoId)
        {
            throw new DestinationException($"{where}: primary key {pk.Name} needs explicit keys but the source rows have none");
        }

        if (target.Schema.HasIds && (target.Schema.KeyType == KeyType.VarChar) != (pk.DataType == DataType.VarChar))
        {
            throw new DestinationException($"{where}: primary key {pk.Name} is {pk.DataType}, the source's keys are {target.Schema.KeyType}");
        }

        foreach (var scalar in target.Schema.Scalars)
        {
            var field = fields.FirstOrDefault(f => f.Name == scalar.Name);
            if (field is null && !described.Schema.EnableDynamicField)
            {
                throw new DestinationException($"{where} has no field {scalar.Name} (and no dynamic field) for the source's scalar field");
            }

            if (field is not null && MilvusTypes.ScalarOf(field.DataType) != scalar.Type)
            {
                throw new DestinationException($"{where}: field {scalar.Name} is {field.DataType}, the source's is {scalar.Type}");
            }
        }

        bool hasIndex;
        try
        {
            hasIndex = (await _client.DescribeIndexAsync(new DescribeIndexRequest { CollectionName = collection, FieldName = vector.Name }, ct).ConfigureAwait(false))
                .IndexDescriptions.Count > 0;
        }
        catch (DestinationException ex) when (MilvusClient.FailureOf(ex)?.Kind == MilvusFailureKind.NotFound)
        {
            hasIndex = false;
        }

        var load = await _client.GetLoadStateAsync(new GetLoadStateRequest { CollectionName = collection }, ct).ConfigureAwait(false);
        return new ExistingShape(pk.Name, vector.Name, autoId, hasIndex, load.State == LoadState.Loaded);
    }

    private void CheckJobAgainstSource(SinkTarget target)
    {
        if (_config.CollectionParameter?.Dimension is int dimension && dimension != target.Schema.Vector.Dim)
        {
            throw new ConfigException(
                $"milvus: collection_parameter.dimension is {dimension} but the source {target.Source.Name} has dim {target.Schema.Vector.Dim}");
        }
    }

    private DestinationNames Names(SinkTarget target)
    {
        var source = target.Source;
        string collection = _config.Collection ?? source.Collection ?? source.SuggestedCollection ?? Path.GetFileNameWithoutExtension(source.Name);
        string? partition = !string.IsNullOrEmpty(_config.Partition) ? _config.Partition
            : source.Partition is { Length: > 0 } p && p != "_default" ? p : null;
        return new DestinationNames(MilvusNames.Sanitize(collection), partition is null ? null : MilvusNames.Sanitize(partition));
    }

    private string Destination(DestinationNames names) =>
        $"{_endpoint.Display}/{names.Collection}" + (names.Partition is null ? "" : $"/{names.Partition}");

    private Task<string> EnsureServerAsync(CancellationToken ct) =>
        _probe ??= MilvusServerProbe.ProbeAsync(_client, _endpoint.Display, _endpoint.VersionHint, _context.Log, ct);

    private async Task<bool> HasCollectionAsync(string collection, CancellationToken ct) =>
        (await _client.HasCollectionAsync(new HasCollectionRequest { CollectionName = collection }, ct).ConfigureAwait(false)).Value;

    private async Task<bool> HasPartitionAsync(DestinationNames names, CancellationToken ct) =>
        (await _client.HasPartitionAsync(new HasPartitionRequest { CollectionName = names.Collection, PartitionName = names.Partition }, ct).ConfigureAwait(false)).Value;

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed record DestinationNames(string Collection, string? Partition);

    private sealed record ExistingShape(string KeyName, string VectorName, bool AutoId, bool HasIndex, bool Loaded);
}
