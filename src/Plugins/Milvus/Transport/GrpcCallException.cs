namespace MilvusDm.Plugins.Milvus.Transport;

/// <summary>A call that ended with a non-OK gRPC status (from the server's trailers or from the transport itself).</summary>
internal sealed class GrpcCallException : Exception
{
    public GrpcCallException(string method, GrpcStatusCode status, string detail, bool mayHaveBeenProcessed, Exception? inner = null)
        : base($"{method}: gRPC {status} ({(int)status}): {detail}", inner)
    {
        Method = method;
        Status = status;
        Detail = detail;
        MayHaveBeenProcessed = mayHaveBeenProcessed;
    }

    public string Method { get; }

    public GrpcStatusCode Status { get; }

    public string Detail { get; }

    /// <summary>
    /// False only when the request certainly never reached the server (no connection); a write that failed with
    /// this set must be re-sent idempotently.
    /// </summary>
    public bool MayHaveBeenProcessed { get; }
}
