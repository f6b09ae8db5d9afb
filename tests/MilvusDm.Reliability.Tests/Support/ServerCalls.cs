using MilvusDm.Milvus.TestServer;

namespace MilvusDm.Reliability.Tests.Support;

/// <summary>Counts of RPCs the test server answered, read under its lock (the tool writes from another process).</summary>
internal static class ServerCalls
{
    public static long Count(MilvusTestServer server, params string[] methods) =>
        server.Milvus.Inspect(_ => methods.Sum(m => (long)server.Milvus.CallCounts.GetValueOrDefault(m)));
}
