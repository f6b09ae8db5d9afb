namespace MilvusDm.Plugins.Milvus;

/// <summary>Which Milvus gRPC service a server speaks.</summary>
internal enum MilvusProtocol
{
    /// <summary><c>milvus.proto.milvus.MilvusService</c> (Milvus 2.x).</summary>
    V2,

    /// <summary><c>milvus.grpc.MilvusService</c> (Milvus 0.10 and 1.x).</summary>
    V1,
}
