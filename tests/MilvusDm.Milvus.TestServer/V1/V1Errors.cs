using MilvusDm.Plugins.Milvus.Protos.V1;
using CommonCode = MilvusDm.Plugins.Milvus.Protos.Common.ErrorCode;

namespace MilvusDm.Milvus.TestServer.V1;

/// <summary>
/// 1.x refusals as <see cref="MilvusError"/>s: the 2.x ErrorCode enum kept the 1.x numbers, so the route turns the error
/// back into a 1.x Status with the same error_code. Reasons follow the 1.x server's wording.
/// </summary>
internal static class V1Errors
{
    public static MilvusError Of(ErrorCode code, string reason) => new(0, (CommonCode)(int)code, reason);

    public static MilvusError CollectionNotExists(string name) =>
        Of(ErrorCode.CollectionNotExists, $"Collection {name} does not exist. Use milvus.has_collection to verify whether the collection exists.");

    public static MilvusError PartitionNotExists(string collection, string tag) =>
        Of(ErrorCode.IllegalArgument, $"Partition {tag} of collection {collection} does not exist");

    public static MilvusError IllegalArgument(string reason) => Of(ErrorCode.IllegalArgument, reason);
}
