namespace MilvusDm.Milvus.TestServer;

/// <summary>Failures the test server can inject into a call.</summary>
public enum FaultKind
{
    /// <summary>gRPC UNAVAILABLE (14) before anything is stored.</summary>
    Unavailable,

    /// <summary>Milvus Status code 8 / error_code 49 (rate limit) before anything is stored.</summary>
    RateLimited,

    /// <summary>gRPC RESOURCE_EXHAUSTED (8) before anything is stored, as for an oversized message.</summary>
    ResourceExhausted,

    /// <summary>The write is stored, then the call fails with UNAVAILABLE: a client that re-inserts duplicates rows.</summary>
    StoreThenFail,

    /// <summary>The write is stored, then the connection is aborted without an answer.</summary>
    StoreThenDrop,

    /// <summary>The connection is aborted before anything is stored.</summary>
    DropConnection,
}
