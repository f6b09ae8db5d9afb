using MilvusDm.Plugins.Milvus.Transport;

namespace MilvusDm.Plugins.Milvus.Client;

/// <summary>
/// Why one Milvus RPC failed: a gRPC status, or a Milvus <c>Status</c> (code, legacy error_code, reason). Carried as
/// the inner exception of the <c>DestinationException</c> the client throws, so the host exits 4 with the reason.
/// </summary>
internal sealed class MilvusCallException : Exception
{
    public MilvusCallException(string method, GrpcStatusCode grpcStatus, int code, int errorCode, string reason,
        bool serverRetriable, bool mayHaveBeenProcessed, Exception? inner = null)
        : base(Format(method, grpcStatus, code, errorCode, reason), inner)
    {
        Method = method;
        GrpcStatus = grpcStatus;
        Code = code;
        ErrorCode = errorCode;
        Reason = reason;
        ServerRetriable = serverRetriable;
        MayHaveBeenProcessed = mayHaveBeenProcessed;
        Kind = Classify(grpcStatus, code, errorCode, serverRetriable);
    }

    public string Method { get; }

    /// <summary>OK when the call succeeded at the gRPC level and Milvus refused it in its Status.</summary>
    public GrpcStatusCode GrpcStatus { get; }

    public int Code { get; }

    public int ErrorCode { get; }

    public string Reason { get; }

    public bool ServerRetriable { get; }

    public bool MayHaveBeenProcessed { get; }

    public MilvusFailureKind Kind { get; }

    private static string Format(string method, GrpcStatusCode grpc, int code, int errorCode, string reason) =>
        grpc == GrpcStatusCode.Ok
            ? $"Milvus {method} failed: {reason} (code {code}, error_code {errorCode})"
            : $"Milvus {method} failed: gRPC {grpc}: {reason}";

    private static MilvusFailureKind Classify(GrpcStatusCode grpc, int code, int errorCode, bool retriable)
    {
        switch (grpc)
        {
            case GrpcStatusCode.Ok:
                break;
            case GrpcStatusCode.Unavailable or GrpcStatusCode.Aborted:
                return MilvusFailureKind.Retriable;
            case GrpcStatusCode.ResourceExhausted:
                return MilvusFailureKind.MessageTooLarge;
            case GrpcStatusCode.DeadlineExceeded:
                return MilvusFailureKind.DeadlineExceeded;
            case GrpcStatusCode.Unauthenticated or GrpcStatusCode.PermissionDenied:
                return MilvusFailureKind.Unauthenticated;
            case GrpcStatusCode.Unimplemented:
                return MilvusFailureKind.Unimplemented;
            default:
                return MilvusFailureKind.Refused;
        }

        // Quota refusals first: they must end the job even when a server marks them retriable.
        if (errorCode is MilvusCodes.ErrorForceDeny or MilvusCodes.ErrorMemoryQuotaExhausted or MilvusCodes.ErrorDiskQuotaExhausted
            || code is MilvusCodes.MemoryLimitExceeded or MilvusCodes.DiskLimitExceeded or MilvusCodes.QuotaExceeded)
        {
            return MilvusFailureKind.QuotaRefused;
        }

        if (code == MilvusCodes.RateLimit || errorCode == MilvusCodes.ErrorRateLimit
            || code is MilvusCodes.ServiceNotReady or MilvusCodes.ServiceUnavailable or MilvusCodes.RequestLimitExceeded
                or MilvusCodes.ResourceInsufficient or MilvusCodes.CollectionNotFullyLoaded
            || errorCode == MilvusCodes.ErrorNotReadyServe)
        {
            return MilvusFailureKind.Retriable;
        }

        if (code is MilvusCodes.NotAuthenticated or MilvusCodes.PrivilegeNotPermitted || errorCode == MilvusCodes.ErrorPermissionDenied)
        {
            return MilvusFailureKind.Unauthenticated;
        }

        if (code is MilvusCodes.CollectionNotFound or MilvusCodes.PartitionNotFound or MilvusCodes.IndexNotFound
            || errorCode is MilvusCodes.ErrorCollectionNotExists or MilvusCodes.ErrorIndexNotExist)
        {
            return MilvusFailureKind.NotFound;
        }

        return retriable ? MilvusFailureKind.Retriable : MilvusFailureKind.Refused;
    }
}
