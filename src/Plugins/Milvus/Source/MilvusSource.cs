using System.Globalization;
using System.Runtime.CompilerServices;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Client;
using MilvusDm.Plugins.Milvus.Protos.Common;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using MilvusDm.Plugins.Milvus.Protos.Schema;
using MilvusDm.Plugins.Milvus.Sink;
using ScalarField = MilvusDm.Abstractions.ScalarField;
using VectorField = MilvusDm.Abstractions.VectorField;

namespace MilvusDm.Plugins.Milvus.Source;

/// <summary>
/// Reads collections (one dataset per partition, or per collection) of a Milvus 2.3+ server with the pk-ordered
/// query iterator on a pinned snapshot (protocol reference 6.3): pages of at most 16384 rows and the byte budget,
/// cursor = the largest pk of the page, ascending order checked.
/// </summary>
internal sealed class MilvusSource : IVectorSource
{
    private const int MaxPageRows = 16384;
    private const string CollectionIdProperty = "collection_id";

    private readonly MilvusClient _client;
    private readonly MilvusEndpoint _endpoint;
    private readonly IReadOnlyList<string> _selection;
    private readonly bool _perPartition;
    private readonly PluginContext _context;
    private readonly Dictionary<string, CollectionShape> _shapes = new(StringComparer.Ordinal);
    private Task<string>? _probe;

    public MilvusSource(MilvusEndpoint endpoint, IReadOnlyList<string> selection, bool perPartition, PluginContext context)
    {
        _endpoint = endpoint;
        _selection = selection;
        _perPartition = perPartition;
        _context = context;
        _client = new MilvusClient(endpoint.ToChannelSettings());
    }

    public async ValueTask<IReadOnlyList<DatasetInfo>> ListDatasetsAsync(CancellationToken cancellationToken)
    {
        _probe ??= MilvusServerProbe.ProbeAsync(_client, _endpoint.Display, null, _context.Log, cancellationToken);
        await _probe.ConfigureAwait(false);
        var wanted = new List<(string Collection, string? Partition)>();
        if (_selection.Count == 0)
        {
            var shown = await _client.ShowCollectionsAsync(new ShowCollectionsRequest(), cancellationToken).ConfigureAwait(false);
            wanted.AddRange(shown.CollectionNames.Order(StringComparer.Ordinal).Select(c => (c, (string?)null)));
        }
        else
        {
            wanted.AddRange(_selection.Select(s => s.Split('/', 2) is [var c, var p] ? (c, (string?)p) : (s, null)));
        }

        var datasets = new List<DatasetInfo>();
        foreach (var (collection, partition) in wanted)
        {
            var (shape, schema, loaded, facts) = await DescribeAsync(collection, cancellationToken).ConfigureAwait(false);
            IEnumerable<string?> partitions = partition is not null ? [partition] : [null];
            if (partition is null && _perPartition && !shape.Scalars.Any(f => f.IsPartitionKey) && !shape.PrimaryKey.IsPartitionKey)
            {
                var shown = await _client.ShowPartitionsAsync(new ShowPartitionsRequest { CollectionName = collection }, cancellationToken).ConfigureAwait(false);
                partitions = shown.PartitionNames.ToList();
            }

            foreach (string? p in partitions)
            {
                long? rows = loaded ? await CountAsync(collection, p, cancellationToken).ConfigureAwait(false)
                    : p is null ? await StatisticsCountAsync(collection, cancellationToken).ConfigureAwait(false) : null;
                datasets.Add(new DatasetInfo(p is null ? collection : $"{collection}/{p}", schema, rows)
                {
                    Collection = collection,
                    Partition = p,
                    SuggestedCollection = collection,
                    Location = $"{_endpoint.Display}/{collection}",
                    Properties = new Dictionary<string, string>(facts)
                    {
                        ["protocol"] = "2.x",
                        [CollectionIdProperty] = shape.CollectionId.ToString(CultureInfo.InvariantCulture),
                    },
                });
            }
        }

        return datasets;
    }

    public async IAsyncEnumerable<VectorBatch> ReadAsync(DatasetInfo dataset, ReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string collection = dataset.Collection ?? dataset.Name;
        if (!_shapes.TryGetValue(collection, out var shape))
        {
            (shape, _, _, _) = await DescribeAsync(collection, cancellationToken).ConfigureAwait(false);
        }

        bool loadedHere = await EnsureLoadedAsync(collection, shape, cancellationToken).ConfigureAwait(false);
        try
        {
            var reader = new QueryIteratorPages(_client, shape, dataset.Partition, dataset.Schema, PageRows(dataset.Schema, options));
            long ordinal = 0;
            await foreach (var page in reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                long end = ordinal + page.Count;
                if (end <= options.StartRow)
                {
                    ordinal = end;
                    continue;
                }

                int skip = (int)Math.Max(0, options.StartRow - ordinal);
                yield return page.ToBatch(ordinal + skip, skip);
                ordinal = end;
            }
        }
        finally
        {
            if (loadedHere)
            {
                // Leave the server as it was: the collection was not loaded before this read.
                await _client.ReleaseCollectionAsync(new ReleaseCollectionRequest { CollectionName = collection }, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static int PageRows(DatasetSchema schema, ReadOptions options)
    {
        int rowBytes = schema.Vector.BytesPerRow + 8 + (schema.Scalars.Count * 16);
        return Math.Clamp(options.MaxBatchBytes / Math.Max(1, rowBytes), 1, MaxPageRows);
    }

    private async Task<bool> EnsureLoadedAsync(string collection, CollectionShape shape, CancellationToken ct)
    {
        var state = await _client.GetLoadStateAsync(new GetLoadStateRequest { CollectionName = collection }, ct).ConfigureAwait(false);
        if (state.State == LoadState.Loaded)
        {
            return false;
        }

        try
        {
            await _client.DescribeIndexAsync(new DescribeIndexRequest { CollectionName = collection, FieldName = shape.Vector.Name }, ct).ConfigureAwait(false);
        }
        catch (DestinationException ex) when (MilvusClient.FailureOf(ex)?.Kind == MilvusFailureKind.NotFound)
        {
            // Never create an index on a source: that changes the user's server.
            throw new SourceDataException(
                $"{_endpoint.Display}/{collection} is not loaded and has no index on {shape.Vector.Name}, so it cannot be queried; create an index and load it (or let milvusdm load it), then run again");
        }

        await _client.LoadCollectionAsync(new LoadCollectionRequest { CollectionName = collection }, ct).ConfigureAwait(false);
        while ((await _client.GetLoadStateAsync(new GetLoadStateRequest { CollectionName = collection }, ct).ConfigureAwait(false)).State != LoadState.Loaded)
        {
            await Task.Delay(200, ct).ConfigureAwait(false);
        }

        return true;
    }

    private async Task<(CollectionShape Shape, DatasetSchema Schema, bool Loaded, Dictionary<string, string> Facts)> DescribeAsync(string collection, CancellationToken ct)
    {
        var described = await _client.DescribeCollectionAsync(new DescribeCollectionRequest { CollectionName = collection }, ct).ConfigureAwait(false);
        var fields = described.Schema.Fields;
        var vectors = fields.Where(f => MilvusTypes.IsVector(f.DataType)).ToList();
        string where = $"{_endpoint.Display}/{collection}";
        if (vectors.Count != 1 || MilvusTypes.VectorOf(vectors[0].DataType) is not { } vectorType)
        {
            throw new SourceDataException($"{where}: collections with {vectors.Count} vector fields, sparse or int8 vectors are not supported yet");
        }

        var pk = fields.Single(f => f.IsPrimaryKey);
        var scalars = new List<FieldSchema>();
        var contractScalars = new List<ScalarField>();
        foreach (var field in fields.Where(f => !f.IsPrimaryKey && !MilvusTypes.IsVector(f.DataType) && !f.IsDynamic && !MilvusNames.IsDynamicField(f.Name)))
        {
            var type = MilvusTypes.ScalarOf(field.DataType)
                ?? throw new SourceDataException($"{where}: field {field.Name} of type {field.DataType} is not supported yet");
            int? maxLength = field.TypeParams.FirstOrDefault(p => p.Key == "max_length") is { } ml ? int.Parse(ml.Value, CultureInfo.InvariantCulture) : null;
            scalars.Add(field);
            contractScalars.Add(new ScalarField(field.Name, type, maxLength, field.Nullable));
        }

        if (described.Schema.EnableDynamicField)
        {
            // Describe hides the dynamic field; it is queried by name and carried as one JSON column.
            scalars.Add(new FieldSchema { Name = MilvusNames.DynamicField, DataType = DataType.Json, IsDynamic = true });
            contractScalars.Add(new ScalarField(MilvusNames.DynamicField, ScalarType.Json));
        }

        string? metric = await MetricAsync(collection, vectors[0].Name, ct).ConfigureAwait(false);
        var schema = new DatasetSchema(new VectorField(vectors[0].Name, vectorType, CollectionSchemaFactory.Dim(vectors[0])),
            pk.DataType == DataType.VarChar ? KeyType.VarChar : KeyType.Int64, metric, contractScalars)
        {
            KeyName = pk.Name,
        };
        var shape = new CollectionShape(collection, described.CollectionID, pk, vectors[0], scalars);
        _shapes[collection] = shape;
        var load = await _client.GetLoadStateAsync(new GetLoadStateRequest { CollectionName = collection }, ct).ConfigureAwait(false);
        return (shape, schema, load.State == LoadState.Loaded, SchemaTransfer.Describe(described));
    }

    private async Task<string?> MetricAsync(string collection, string field, CancellationToken ct)
    {
        try
        {
            var index = await _client.DescribeIndexAsync(new DescribeIndexRequest { CollectionName = collection, FieldName = field }, ct).ConfigureAwait(false);
            return index.IndexDescriptions.SelectMany(i => i.Params).FirstOrDefault(p => p.Key == "metric_type")?.Value;
        }
        catch (DestinationException ex) when (MilvusClient.FailureOf(ex)?.Kind == MilvusFailureKind.NotFound)
        {
            return null;
        }
    }

    private async Task<long> CountAsync(string collection, string? partition, CancellationToken ct)
    {
        var request = new QueryRequest { CollectionName = collection, OutputFields = { "count(*)" }, ConsistencyLevel = ConsistencyLevel.Strong };
        if (partition is not null)
        {
            request.PartitionNames.Add(partition);
        }

        var result = await _client.QueryAsync(request, ct).ConfigureAwait(false);
        return result.FieldsData.Single(f => f.FieldName == "count(*)").Scalars.LongData.Data.Single();
    }

    private async Task<long?> StatisticsCountAsync(string collection, CancellationToken ct)
    {
        var stats = await _client.GetCollectionStatisticsAsync(new GetCollectionStatisticsRequest { CollectionName = collection }, ct).ConfigureAwait(false);
        return long.TryParse(stats.Stats.FirstOrDefault(s => s.Key == "row_count")?.Value, CultureInfo.InvariantCulture, out long n) ? n : null;
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
