namespace MilvusDm.Milvus.TestServer;

/// <summary>A transport-level gRPC failure (sent as grpc-status/grpc-message), e.g. UNAUTHENTICATED (16).</summary>
public sealed class RpcFault : Exception
{
    public RpcFault(int grpcStatus, string message)
        : base(message)
    {
        GrpcStatus = grpcStatus;
    }

    public int GrpcStatus { get; }
}
