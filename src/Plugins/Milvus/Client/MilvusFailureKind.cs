namespace MilvusDm.Plugins.Milvus.Client;

/// <summary>What a failed call means for the caller: retry, split, stop.</summary>
internal enum MilvusFailureKind
{
    /// <summary>UNAVAILABLE, rate limits, "not ready": back off and retry.</summary>
    Retriable,

    /// <summary>gRPC RESOURCE_EXHAUSTED for a message above the server's size limit: split the batch.</summary>
    MessageTooLarge,

    /// <summary>No answer within the deadline; the write may or may not have happened.</summary>
    DeadlineExceeded,

    /// <summary>Authentication or permission refused.</summary>
    Unauthenticated,

    /// <summary>Quota refusals (ForceDeny, memory/disk quota): stop at once.</summary>
    QuotaRefused,

    /// <summary>The server does not know this RPC (older server or other protocol).</summary>
    Unimplemented,

    /// <summary>Collection, partition or index missing.</summary>
    NotFound,

    /// <summary>Everything else the server refused.</summary>
    Refused,
}
