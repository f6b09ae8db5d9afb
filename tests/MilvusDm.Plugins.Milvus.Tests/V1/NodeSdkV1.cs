namespace MilvusDm.Plugins.Milvus.Tests.V1;

/// <summary>
/// The Milvus 0.10/1.x Node SDK (<c>@zilliz/milvus-sdk-node</c>, pinned by Conformance/v1/install-sdk.sh) in a temporary
/// folder reused between runs. Missing npm or node fails the tests that need it: they never skip.
/// </summary>
internal static class NodeSdkV1
{
    /// <summary>The upstream 1.x protocol files the SDK ships, relative to its node_modules.</summary>
    public static readonly string[] ProtoFiles = ["@zilliz/milvus-sdk-node/dist/grpc-proto/milvus.proto"];

    private static readonly Lazy<string> s_directory = new(() =>
    {
        string directory = Path.Combine(Path.GetTempPath(), "milvusdm-milvus-sdk-node-v1");
        NodeSdk.Run("bash", NodeSdk.Script("v1/install-sdk.sh"), directory);
        return directory;
    });

    public static string Directory => s_directory.Value;
}
