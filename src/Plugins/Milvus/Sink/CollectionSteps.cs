using System.Globalization;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Client;
using MilvusDm.Plugins.Milvus.Protos.Common;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using KeyValuePair = MilvusDm.Plugins.Milvus.Protos.Common.KeyValuePair;

namespace MilvusDm.Plugins.Milvus.Sink;

/// <summary>
/// The calls after the last row of a collection: flush and wait, build the index and wait, load and wait, count.
/// Each waits for the server to finish, so success is only reported once the data is durable and searchable.
/// </summary>
internal sealed class CollectionSteps(MilvusClient client, MilvusSinkConfig config)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public bool IndexNone => string.Equals(config.IndexType, "none", StringComparison.OrdinalIgnoreCase);

    public string IndexType => string.IsNullOrWhiteSpace(config.IndexType) ? "AUTOINDEX" : config.IndexType.Trim().ToUpperInvariant();

    public async Task FlushAsync(string collection, CancellationToken ct)
    {
        var flush = await client.FlushAsync(new FlushRequest { CollectionNames = { collection } }, ct).ConfigureAwait(false);
        var request = new GetFlushStateRequest { CollectionName = collection };
        if (flush.CollSegIDs.TryGetValue(collection, out var segments))
        {
            request.SegmentIDs.AddRange(segments.Data);
        }

        if (flush.CollFlushTs.TryGetValue(collection, out ulong ts))
        {
            request.FlushTs = ts;
        }

        while (!(await client.GetFlushStateAsync(request, ct).ConfigureAwait(false)).Flushed)
        {
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Creates the configured index on the vector field (unless <c>index_type: none</c>) and waits until it is built.</summary>
    public async Task CreateIndexAsync(string collection, string field, string metric, CancellationToken ct)
    {
        if (IndexNone)
        {
            return;
        }

        var request = new CreateIndexRequest { CollectionName = collection, FieldName = field };
        request.ExtraParams.Add(new KeyValuePair { Key = "index_type", Value = IndexType });
        request.ExtraParams.Add(new KeyValuePair { Key = "metric_type", Value = metric });
        if (!string.IsNullOrWhiteSpace(config.IndexParams))
        {
            request.ExtraParams.Add(new KeyValuePair { Key = "params", Value = config.IndexParams });
        }

        await client.CreateIndexAsync(request, ct).ConfigureAwait(false);
        while (true)
        {
            var index = (await client.DescribeIndexAsync(new DescribeIndexRequest { CollectionName = collection, FieldName = field }, ct).ConfigureAwait(false))
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

    public async Task LoadAsync(string collection, CancellationToken ct)
    {
        await client.LoadCollectionAsync(new LoadCollectionRequest { CollectionName = collection }, ct).ConfigureAwait(false);
        while ((await client.GetLoadStateAsync(new GetLoadStateRequest { CollectionName = collection }, ct).ConfigureAwait(false)).State != LoadState.Loaded)
        {
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    public async Task<bool> IsLoadedAsync(string collection, CancellationToken ct) =>
        (await client.GetLoadStateAsync(new GetLoadStateRequest { CollectionName = collection }, ct).ConfigureAwait(false)).State == LoadState.Loaded;

    public async Task<bool> HasIndexAsync(string collection, string field, CancellationToken ct)
    {
        try
        {
            return (await client.DescribeIndexAsync(new DescribeIndexRequest { CollectionName = collection, FieldName = field }, ct).ConfigureAwait(false))
                .IndexDescriptions.Count > 0;
        }
        catch (DestinationException ex) when (MilvusClient.FailureOf(ex)?.Kind == MilvusFailureKind.NotFound)
        {
            return false;
        }
    }

    /// <summary>count(*) when loaded (exact); otherwise the statistics row count after a flush.</summary>
    public async Task<long> CountAsync(string collection, bool loaded, bool flush, CancellationToken ct)
    {
        if (loaded)
        {
            var result = await client.QueryAsync(new QueryRequest
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

        var stats = await client.GetCollectionStatisticsAsync(new GetCollectionStatisticsRequest { CollectionName = collection }, ct).ConfigureAwait(false);
        var rowCount = stats.Stats.FirstOrDefault(s => s.Key == "row_count")?.Value;
        return long.TryParse(rowCount, CultureInfo.InvariantCulture, out long n) ? n : 0;
    }
}
