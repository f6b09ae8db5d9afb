using MilvusDm.Plugins.Milvus.Protos.Common;

namespace MilvusDm.Milvus.TestServer;

/// <summary>A refusal the way a 2.3+ proxy reports it: merr code, legacy error_code and reason in the Status.</summary>
public sealed class MilvusError : Exception
{
    public MilvusError(int code, ErrorCode errorCode, string reason, bool retriable = false)
        : base(reason)
    {
        Code = code;
        ErrorCode = errorCode;
        Retriable = retriable;
    }

    public int Code { get; }

    public ErrorCode ErrorCode { get; }

    public bool Retriable { get; }

    public Status ToStatus() => new() { Code = Code, ErrorCode = ErrorCode, Reason = Message, Retriable = Retriable };

    public static MilvusError CollectionNotFound(string db, string name) =>
        new(100, ErrorCode.CollectionNotExists, $"can't find collection[database={db}][collection={name}]");

    public static MilvusError PartitionNotFound(string name) =>
        new(200, ErrorCode.MetaFailed, $"partition not found[partition={name}]");

    public static MilvusError InvalidParameter(string reason) =>
        new(1100, ErrorCode.IllegalArgument, $"invalid parameter[expected=valid request][actual={reason}]");

    public static MilvusError NotLoaded(string name) =>
        new(101, ErrorCode.UnexpectedError, $"collection not loaded[collection={name}]");

    public static MilvusError IndexNotFound(string name) =>
        new(700, ErrorCode.IndexNotExist, $"index not found[collection={name}]");

    public static MilvusError RateLimited() =>
        new(8, ErrorCode.RateLimit, "rate limit exceeded[rate=test]", retriable: true);
}
