using System.Globalization;
using System.Runtime.CompilerServices;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Milvus.V1;

/// <summary>
/// Reads collections of a running Milvus 0.10/1.x server without file access (protocol reference 9, "Reading all data
/// out of a 1.x server"): each collection is flushed so every vector sits in a persisted segment, ShowCollectionInfo
/// lists the partitions and segments, and each segment is read by GetVectorIDs then GetVectorsByID in chunks. One
/// dataset per partition (default) or per collection; rows are int64 ids with one float or binary vector.
/// </summary>
internal sealed class V1Source : IVectorSource
{
    private readonly MilvusV1Client _client;
    private readonly string _server;
    private readonly IReadOnlyList<string> _selection;
    private readonly bool _perPartition;
    private readonly PluginContext _context;
    private readonly string _serverVersion;

    public V1Source(MilvusEndpoint endpoint, IReadOnlyList<string> selection, bool perPartition, PluginContext context, string serverVersion)
    {
        _server = endpoint.ServerDisplay;
        _selection = selection;
        _perPartition = perPartition;
        _context = context;
        _serverVersion = serverVersion;
        _client = new MilvusV1Client(endpoint.ToChannelSettings());
        if (endpoint.DbName != "default")
        {
            context.Log.Warn($"{_server} is a Milvus {serverVersion} (1.x) server, which has no databases: db_name {endpoint.DbName} is ignored");
        }
    }

    public async ValueTask<IReadOnlyList<DatasetInfo>> ListDatasetsAsync(CancellationToken cancellationToken)
    {
        var wanted = _selection.Count == 0
            ? (await _client.ShowCollectionsAsync(cancellationToken).ConfigureAwait(false)).Order(StringComparer.Ordinal).Select(c => (c, (string?)null)).ToList()
            : _selection.Select(s => s.Split('/', 2) is [var c, var p] ? (c, (string?)p) : (s, null)).ToList();
        var datasets = new List<DatasetInfo>();
        foreach (var (collection, partition) in wanted)
        {
            var schema = await DescribeAsync(collection, cancellationToken).ConfigureAwait(false);
            await _client.FlushAsync(collection, cancellationToken).ConfigureAwait(false);
            var info = await _client.ShowCollectionInfoAsync(collection, cancellationToken).ConfigureAwait(false);
            if (partition is not null && info.Partitions.All(p => p.Tag != partition))
            {
                throw new DestinationException($"{_server}/{collection} has no partition {partition} (it has {string.Join(", ", info.Partitions.Select(p => p.Tag))})");
            }

            IEnumerable<string?> tags = partition is not null ? [partition] : _perPartition ? info.Partitions.Select(p => (string?)p.Tag) : [null];
            foreach (string? tag in tags)
            {
                var included = info.Partitions.Where(p => tag is null || p.Tag == tag).ToList();
                datasets.Add(new DatasetInfo(tag is null ? collection : $"{collection}/{tag}", schema, included.Sum(p => p.RowCount))
                {
                    Collection = collection,
                    Partition = tag,
                    SuggestedCollection = collection,
                    Location = $"{_server}/{collection}",
                    Properties = new Dictionary<string, string>
                    {
                        ["protocol"] = "1.x",
                        ["server_version"] = _serverVersion,
                        ["segments"] = included.Sum(p => p.Segments.Count).ToString(CultureInfo.InvariantCulture),
                    },
                });
            }
        }

        return datasets;
    }

    public async IAsyncEnumerable<VectorBatch> ReadAsync(DatasetInfo dataset, ReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string collection = dataset.Collection ?? dataset.Name;
        var info = await _client.ShowCollectionInfoAsync(collection, cancellationToken).ConfigureAwait(false);
        var reader = new V1SegmentReader(_client, collection, dataset.Schema.Vector, $"{_server}/{dataset.Name}");
        int chunkRows = Math.Min(options.RowsPerBatch(dataset.Schema.Vector.BytesPerRow), V1SegmentReader.MaxIdsPerRequest);
        long ordinal = 0;
        foreach (var partition in info.Partitions.Where(p => dataset.Partition is null || p.Tag == dataset.Partition))
        {
            foreach (var segment in partition.Segments)
            {
                if (ordinal + segment.RowCount <= options.StartRow)
                {
                    // Resume: a whole segment before the start row is not read at all.
                    ordinal += segment.RowCount;
                    continue;
                }

                var ids = await _client.GetVectorIdsAsync(collection, segment.Name, cancellationToken).ConfigureAwait(false);
                for (int start = 0; start < ids.Count; start += chunkRows)
                {
                    int count = Math.Min(chunkRows, ids.Count - start);
                    int skip = (int)Math.Clamp(options.StartRow - ordinal, 0, count);
                    if (skip < count)
                    {
                        var chunk = ids.Skip(start + skip).Take(count - skip).ToArray();
                        yield return await reader.ReadAsync(partition.Tag, segment.Name, chunk, ordinal + skip, cancellationToken).ConfigureAwait(false);
                    }

                    ordinal += count;
                }
            }
        }
    }

    private async Task<DatasetSchema> DescribeAsync(string collection, CancellationToken ct)
    {
        var described = await _client.DescribeCollectionAsync(collection, ct).ConfigureAwait(false);
        string metric = V1Metrics.Name(described.MetricType)
            ?? throw new DestinationException($"{_server}/{collection} has metric_type {described.MetricType}, which Milvus 1.x does not define");
        var type = V1Metrics.IsBinary(described.MetricType) ? VectorType.Binary : VectorType.Float32;
        if (described.Dimension is <= 0 or > 32768 || (type == VectorType.Binary && described.Dimension % 8 != 0))
        {
            throw new DestinationException($"{_server}/{collection} reports dimension {described.Dimension}, impossible for {type.ToContractName()} vectors");
        }

        return new DatasetSchema(new VectorField("embedding", type, (int)described.Dimension), KeyType.Int64, metric, []) { KeyName = "id" };
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
