using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using MilvusDm.Abstractions;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Plugins.Milvus.Tests;

/// <summary>
/// The test server as a separate process in count-only mode (what the benchmarks write into): it accepts a real job,
/// stores no rows, and reports on SIGTERM the count and digest of everything it was sent.
/// </summary>
public sealed class TestServerProcessTests
{
    private static string ServerDll => Path.Combine(RepoPaths.Root, "tests", "MilvusDm.Milvus.TestServer", "bin", RepoPaths.Configuration, "net10.0", "MilvusDm.Milvus.TestServer.dll");

    [Fact]
    public async Task Count_only_process_counts_and_digests_a_job_without_storing_rows()
    {
        int port = FreePort();
        using var server = ProcessRunner.Start("dotnet", [ServerDll, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--count-only"]);
        try
        {
            string? ready = await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Assert.Equal($"listening on http://127.0.0.1:{port}/ (count-only: True, digest: True)", ready);

            var log = new TestLog();
            await using (var faiss = Jobs.Faiss("ivfflat_full.index", log))
            await using (var sink = new MilvusPlugin().CreateSink(PluginConfigNode.FromYaml($"uri: http://127.0.0.1:{port}\ncollection: bench\n"), Jobs.Context(log)))
            {
                var result = await Jobs.CopyAsync(faiss, sink, maxBatchBytes: 2048);
                Assert.Equal(300, result.RowsWritten);
                Assert.Equal("300", result.Properties["count_after"]); // the sink's count check ran against the counts
            }

            using (var client = TestServerFixture.Client(new Uri($"http://127.0.0.1:{port}")))
            {
                await client.LoadCollectionAsync(new Protos.Milvus.LoadCollectionRequest { CollectionName = "bench" }, CancellationToken.None);
                var page = await client.QueryAsync(new Protos.Milvus.QueryRequest { CollectionName = "bench", Expr = "id >= 0", OutputFields = { "id" } }, CancellationToken.None);
                Assert.Empty(page.FieldsData.Single().Scalars.LongData.Data); // nothing was stored
            }

            using (var kill = Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill!.WaitForExitAsync();
            }

            string summary = await server.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromMinutes(1));
            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Assert.Equal(0, server.ExitCode);
            var bench = JsonDocument.Parse(summary.Trim()).RootElement.GetProperty("collections").EnumerateArray().Single();
            var expected = FaissExpected.Of("ivfflat_full.index");
            Assert.Equal(("bench", 300L), (bench.GetProperty("name").GetString(), bench.GetProperty("rows").GetInt64()));
            Assert.Equal(expected.Digest, bench.GetProperty("digest").GetString());
            Assert.Equal(expected.VectorsDigest, bench.GetProperty("vectors_digest").GetString());
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
