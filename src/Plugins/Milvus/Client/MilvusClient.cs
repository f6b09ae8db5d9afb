using Google.Protobuf;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using MilvusDm.Plugins.Milvus.Transport;
using Status = MilvusDm.Plugins.Milvus.Protos.Common.Status;

namespace MilvusDm.Plugins.Milvus.Client;

/// <summary>
/// Typed Milvus 2.x RPCs over <see cref="UnaryGrpcChannel"/>. Every failure (gRPC status or non-success Milvus
/// Status) becomes a <see cref="DestinationException"/> whose inner <see cref="MilvusCallException"/> says what it
/// means; callers that retry look at <see cref="FailureOf"/>.
/// </summary>
internal sealed class MilvusClient : IDisposable
{
    public const string ServiceName = "milvus.proto.milvus.MilvusService";
    public const string LegacyServiceName = "milvus.grpc.MilvusService";

    private readonly UnaryGrpcChannel _channel;

    public MilvusClient(GrpcChannelSettings settings)
    {
        _channel = new UnaryGrpcChannel(settings);
    }

    public Uri Address => _channel.Address;

    public static MilvusCallException? FailureOf(Exception ex) => ex switch
    {
        MilvusCallException call => call,
        DestinationException { InnerException: MilvusCallException call } => call,
        _ => null,
    };

    /// <summary>Handshake; later calls carry the returned identifier like pymilvus does.</summary>
    public async Task<ConnectResponse> ConnectAsync(ConnectRequest request, CancellationToken ct)
    {
        var response = await CallAsync("Connect", request, ConnectResponse.Parser, r => r.Status, ct).ConfigureAwait(false);
        if (response.Identifier != 0)
        {
            _channel.SetMetadata("identifier", response.Identifier.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return response;
    }

    public Task<GetVersionResponse> GetVersionAsync(CancellationToken ct) =>
        CallAsync("GetVersion", new GetVersionRequest(), GetVersionResponse.Parser, r => r.Status, ct);

    /// <summary>The 1.x <c>Cmd("version")</c> on <c>/milvus.grpc.MilvusService/Cmd</c>, used only to recognise a 1.x server.</summary>
    public async Task<string> LegacyVersionAsync(CancellationToken ct)
    {
        try
        {
            var reply = await _channel.CallAsync(LegacyServiceName, "Cmd", new Protos.V1.Command { Cmd = "version" },
                Protos.V1.StringReply.Parser, null, ct).ConfigureAwait(false);
            return reply.StringReply_;
        }
        catch (GrpcCallException ex)
        {
            throw Wrap(ex);
        }
    }

    public Task<Status> CreateCollectionAsync(CreateCollectionRequest request, CancellationToken ct) =>
        CallAsync("CreateCollection", request, Status.Parser, s => s, ct);

    public Task<Status> DropCollectionAsync(DropCollectionRequest request, CancellationToken ct) =>
        CallAsync("DropCollection", request, Status.Parser, s => s, ct);

    public Task<BoolResponse> HasCollectionAsync(HasCollectionRequest request, CancellationToken ct) =>
        CallAsync("HasCollection", request, BoolResponse.Parser, r => r.Status, ct);

    public Task<DescribeCollectionResponse> DescribeCollectionAsync(DescribeCollectionRequest request, CancellationToken ct) =>
        CallAsync("DescribeCollection", request, DescribeCollectionResponse.Parser, r => r.Status, ct);

    public Task<ShowCollectionsResponse> ShowCollectionsAsync(ShowCollectionsRequest request, CancellationToken ct) =>
        CallAsync("ShowCollections", request, ShowCollectionsResponse.Parser, r => r.Status, ct);

    public Task<GetCollectionStatisticsResponse> GetCollectionStatisticsAsync(GetCollectionStatisticsRequest request, CancellationToken ct) =>
        CallAsync("GetCollectionStatistics", request, GetCollectionStatisticsResponse.Parser, r => r.Status, ct);

    public Task<Status> CreatePartitionAsync(CreatePartitionRequest request, CancellationToken ct) =>
        CallAsync("CreatePartition", request, Status.Parser, s => s, ct);

    public Task<Status> DropPartitionAsync(DropPartitionRequest request, CancellationToken ct) =>
        CallAsync("DropPartition", request, Status.Parser, s => s, ct);

    public Task<BoolResponse> HasPartitionAsync(HasPartitionRequest request, CancellationToken ct) =>
        CallAsync("HasPartition", request, BoolResponse.Parser, r => r.Status, ct);

    public Task<ShowPartitionsResponse> ShowPartitionsAsync(ShowPartitionsRequest request, CancellationToken ct) =>
        CallAsync("ShowPartitions", request, ShowPartitionsResponse.Parser, r => r.Status, ct);

    public Task<Status> LoadCollectionAsync(LoadCollectionRequest request, CancellationToken ct) =>
        CallAsync("LoadCollection", request, Status.Parser, s => s, ct);

    public Task<Status> ReleaseCollectionAsync(ReleaseCollectionRequest request, CancellationToken ct) =>
        CallAsync("ReleaseCollection", request, Status.Parser, s => s, ct);

    public Task<GetLoadStateResponse> GetLoadStateAsync(GetLoadStateRequest request, CancellationToken ct) =>
        CallAsync("GetLoadState", request, GetLoadStateResponse.Parser, r => r.Status, ct);

    public Task<Status> CreateIndexAsync(CreateIndexRequest request, CancellationToken ct) =>
        CallAsync("CreateIndex", request, Status.Parser, s => s, ct);

    public Task<DescribeIndexResponse> DescribeIndexAsync(DescribeIndexRequest request, CancellationToken ct) =>
        CallAsync("DescribeIndex", request, DescribeIndexResponse.Parser, r => r.Status, ct);

    public Task<MutationResult> InsertAsync(InsertRequest request, CancellationToken ct, TimeSpan? deadline = null) =>
        CallAsync("Insert", request, MutationResult.Parser, r => r.Status, ct, deadline);

    public Task<MutationResult> UpsertAsync(UpsertRequest request, CancellationToken ct, TimeSpan? deadline = null) =>
        CallAsync("Upsert", request, MutationResult.Parser, r => r.Status, ct, deadline);

    public Task<QueryResults> QueryAsync(QueryRequest request, CancellationToken ct) =>
        CallAsync("Query", request, QueryResults.Parser, r => r.Status, ct);

    public Task<FlushResponse> FlushAsync(FlushRequest request, CancellationToken ct) =>
        CallAsync("Flush", request, FlushResponse.Parser, r => r.Status, ct);

    public Task<GetFlushStateResponse> GetFlushStateAsync(GetFlushStateRequest request, CancellationToken ct) =>
        CallAsync("GetFlushState", request, GetFlushStateResponse.Parser, r => r.Status, ct);

    public Task<AllocTimestampResponse> AllocTimestampAsync(CancellationToken ct) =>
        CallAsync("AllocTimestamp", new AllocTimestampRequest(), AllocTimestampResponse.Parser, r => r.Status, ct);

    public Task<Status> CreateAliasAsync(CreateAliasRequest request, CancellationToken ct) =>
        CallAsync("CreateAlias", request, Status.Parser, s => s, ct);

    public Task<Status> AlterAliasAsync(AlterAliasRequest request, CancellationToken ct) =>
        CallAsync("AlterAlias", request, Status.Parser, s => s, ct);

    public Task<Status> DropAliasAsync(DropAliasRequest request, CancellationToken ct) =>
        CallAsync("DropAlias", request, Status.Parser, s => s, ct);

    public Task<Status> RenameCollectionAsync(RenameCollectionRequest request, CancellationToken ct) =>
        CallAsync("RenameCollection", request, Status.Parser, s => s, ct);

    private async Task<T> CallAsync<T>(string method, IMessage request, MessageParser<T> parser, Func<T, Status?> statusOf,
        CancellationToken ct, TimeSpan? deadline = null)
        where T : IMessage<T>
    {
        T response;
        try
        {
            response = await _channel.CallAsync(ServiceName, method, request, parser, deadline, ct).ConfigureAwait(false);
        }
        catch (GrpcCallException ex)
        {
            throw Wrap(ex);
        }

        // Success needs both the new code and the legacy error_code at 0 (2.2 servers set only error_code).
        var status = statusOf(response);
        if (status is not null && (status.Code != 0 || status.ErrorCode != 0))
        {
            var failure = new MilvusCallException(method, GrpcStatusCode.Ok, status.Code, (int)status.ErrorCode,
                string.IsNullOrEmpty(status.Reason) ? "(no reason given)" : status.Reason, status.Retriable, mayHaveBeenProcessed: true);
            throw new DestinationException(failure.Message, failure);
        }

        return response;
    }

    /// <summary>A transport failure as the plugin reports it (also used by the 1.x client).</summary>
    internal static DestinationException Wrap(GrpcCallException ex)
    {
        var failure = new MilvusCallException(ex.Method, ex.Status, 0, 0, ex.Detail, false, ex.MayHaveBeenProcessed, ex);
        string hint = failure.Kind == MilvusFailureKind.Unauthenticated
            ? " (check token, or user and password, and that the user may use this database)"
            : "";
        return new DestinationException(failure.Message + hint, failure);
    }

    public void Dispose() => _channel.Dispose();
}
