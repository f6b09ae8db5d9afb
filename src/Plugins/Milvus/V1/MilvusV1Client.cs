using Google.Protobuf;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Client;
using MilvusDm.Plugins.Milvus.Protos.V1;
using MilvusDm.Plugins.Milvus.Transport;

namespace MilvusDm.Plugins.Milvus.V1;

/// <summary>
/// Typed Milvus 0.10/1.x RPCs (<c>/milvus.grpc.MilvusService/…</c>) over the same <see cref="UnaryGrpcChannel"/> as
/// the 2.x client. A failure becomes a <see cref="DestinationException"/> with an inner
/// <see cref="MilvusCallException"/> carrying the 1.x error_code, so <see cref="MilvusClient.FailureOf"/> classifies
/// it like a 2.x one (COLLECTION_NOT_EXISTS = 4 is NotFound, PERMISSION_DENIED = 3 is Unauthenticated).
/// </summary>
internal sealed class MilvusV1Client : IDisposable
{
    public const string ServiceName = "milvus.grpc.MilvusService";

    private readonly UnaryGrpcChannel _channel;

    public MilvusV1Client(GrpcChannelSettings settings)
    {
        _channel = new UnaryGrpcChannel(settings);
    }

    public Uri Address => _channel.Address;

    /// <summary><c>Cmd("version")</c>: the server version, e.g. <c>1.1.1</c> or <c>0.10.6</c>.</summary>
    public async Task<string> VersionAsync(CancellationToken ct) =>
        (await CallAsync("Cmd", new Command { Cmd = "version" }, StringReply.Parser, r => r.Status, ct).ConfigureAwait(false)).StringReply_;

    public Task CreateCollectionAsync(CollectionSchema schema, CancellationToken ct) =>
        CallAsync("CreateCollection", schema, Status.Parser, s => s, ct);

    public async Task<bool> HasCollectionAsync(string collection, CancellationToken ct) =>
        (await CallAsync("HasCollection", Name(collection), BoolReply.Parser, r => r.Status, ct).ConfigureAwait(false)).BoolReply_;

    public Task<CollectionSchema> DescribeCollectionAsync(string collection, CancellationToken ct) =>
        CallAsync("DescribeCollection", Name(collection), CollectionSchema.Parser, r => r.Status, ct);

    public async Task<long> CountCollectionAsync(string collection, CancellationToken ct) =>
        (await CallAsync("CountCollection", Name(collection), CollectionRowCount.Parser, r => r.Status, ct).ConfigureAwait(false)).CollectionRowCount_;

    public async Task<IReadOnlyList<string>> ShowCollectionsAsync(CancellationToken ct) =>
        (await CallAsync("ShowCollections", new Command(), CollectionNameList.Parser, r => r.Status, ct).ConfigureAwait(false)).CollectionNames;

    public async Task<V1CollectionInfo> ShowCollectionInfoAsync(string collection, CancellationToken ct)
    {
        var info = await CallAsync("ShowCollectionInfo", Name(collection), CollectionInfo.Parser, r => r.Status, ct).ConfigureAwait(false);
        return V1CollectionInfo.Parse(info.JsonInfo, $"{_channel.Address}{collection}");
    }

    public Task DropCollectionAsync(string collection, CancellationToken ct) =>
        CallAsync("DropCollection", Name(collection), Status.Parser, s => s, ct);

    public Task CreatePartitionAsync(string collection, string tag, CancellationToken ct) =>
        CallAsync("CreatePartition", new PartitionParam { CollectionName = collection, Tag = tag }, Status.Parser, s => s, ct);

    public async Task<bool> HasPartitionAsync(string collection, string tag, CancellationToken ct) =>
        (await CallAsync("HasPartition", new PartitionParam { CollectionName = collection, Tag = tag }, BoolReply.Parser, r => r.Status, ct)
            .ConfigureAwait(false)).BoolReply_;

    public async Task<IReadOnlyList<string>> ShowPartitionsAsync(string collection, CancellationToken ct) =>
        (await CallAsync("ShowPartitions", Name(collection), PartitionList.Parser, r => r.Status, ct).ConfigureAwait(false)).PartitionTagArray;

    public Task DropPartitionAsync(string collection, string tag, CancellationToken ct) =>
        CallAsync("DropPartition", new PartitionParam { CollectionName = collection, Tag = tag }, Status.Parser, s => s, ct);

    /// <summary>Stores the rows; the reply lists the ids (the given ones, or those the server assigned).</summary>
    public async Task<IReadOnlyList<long>> InsertAsync(InsertParam request, CancellationToken ct) =>
        (await CallAsync("Insert", request, VectorIds.Parser, r => r.Status, ct).ConfigureAwait(false)).VectorIdArray;

    public Task DeleteByIdAsync(DeleteByIDParam request, CancellationToken ct) =>
        CallAsync("DeleteByID", request, Status.Parser, s => s, ct);

    /// <summary>Every id stored in one segment (names from <see cref="ShowCollectionInfoAsync"/>).</summary>
    public async Task<IReadOnlyList<long>> GetVectorIdsAsync(string collection, string segment, CancellationToken ct) =>
        (await CallAsync("GetVectorIDs", new GetVectorIDsParam { CollectionName = collection, SegmentName = segment }, VectorIds.Parser,
            r => r.Status, ct).ConfigureAwait(false)).VectorIdArray;

    /// <summary>One record per requested id, in request order.</summary>
    public async Task<IReadOnlyList<RowRecord>> GetVectorsByIdAsync(VectorsIdentity request, CancellationToken ct) =>
        (await CallAsync("GetVectorsByID", request, VectorsData.Parser, r => r.Status, ct).ConfigureAwait(false)).VectorsData_;

    /// <summary>Persists buffered inserts and deletes into segments (what CountCollection and ShowCollectionInfo see).</summary>
    public Task FlushAsync(string collection, CancellationToken ct) =>
        CallAsync("Flush", new FlushParam { CollectionNameArray = { collection } }, Status.Parser, s => s, ct);

    private static CollectionName Name(string collection) => new() { CollectionName_ = collection };

    private async Task<T> CallAsync<T>(string method, IMessage request, MessageParser<T> parser, Func<T, Status?> statusOf, CancellationToken ct)
        where T : IMessage<T>
    {
        T response;
        try
        {
            response = await _channel.CallAsync(ServiceName, method, request, parser, null, ct).ConfigureAwait(false);
        }
        catch (GrpcCallException ex)
        {
            throw MilvusClient.Wrap(ex);
        }

        var status = statusOf(response);
        if (status is not null && status.ErrorCode != ErrorCode.Success)
        {
            string reason = string.IsNullOrEmpty(status.Reason) ? "(no reason given)" : status.Reason;
            var failure = new MilvusCallException(method, GrpcStatusCode.Ok, 0, (int)status.ErrorCode, reason, serverRetriable: false,
                mayHaveBeenProcessed: true);
            throw new DestinationException($"Milvus {method} failed: {reason} (1.x error_code {status.ErrorCode})", failure);
        }

        return response;
    }

    public void Dispose() => _channel.Dispose();
}
