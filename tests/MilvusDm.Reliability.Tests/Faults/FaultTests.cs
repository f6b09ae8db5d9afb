using System.Diagnostics;
using MilvusDm.Abstractions;
using MilvusDm.Milvus.TestServer;
using MilvusDm.Reliability.Tests.Support;
using MilvusDm.Tool.Tests.Support;
using Xunit.Abstractions;

namespace MilvusDm.Reliability.Tests.Faults;

/// <summary>
/// Whole jobs (the real tool process) against a test server that fails a share of the writes in every way the
/// server can: each ends with the source digest (checked by the tool itself with verify: digest, and read back
/// here) and no key stored twice. Complements the plugin-level fault tests of MilvusDm.Plugins.Milvus.Tests.
/// </summary>
public sealed class FaultTests(ITestOutputHelper output)
{
    private static GeneratedData Data => GeneratedData.Shared;

    [Theory]
    [InlineData(FaultKind.Unavailable, "keyed")]
    [InlineData(FaultKind.RateLimited, "keyed")]
    [InlineData(FaultKind.ResourceExhausted, "keyed")]
    [InlineData(FaultKind.StoreThenFail, "keyed")]
    [InlineData(FaultKind.StoreThenDrop, "plain")]
    [InlineData(FaultKind.DropConnection, "plain")]
    public async Task Twenty_percent_failing_writes_end_with_the_source_digest_and_no_duplicates(FaultKind kind, string input)
    {
        var faults = new FaultPlan(0.2, [kind], seed: (int)kind + 7);
        await using var server = await MilvusTestServer.StartAsync(new MilvusTestServerOptions { Faults = faults });
        using var home = new TempDirectory("milvusdm-fault");
        string job = Job(home, server, input, "f", "batch_bytes: 8192, in_flight: 4");

        var clock = Stopwatch.StartNew();
        ProcessResult result = await ToolRun.RunAsync(home.Path, ["run", job], TimeSpan.FromMinutes(3));

        output.WriteLine($"{kind}: {faults.Injected} faults injected, {server.Milvus.CallCounts.GetValueOrDefault("Insert")} inserts, {server.Milvus.CallCounts.GetValueOrDefault("Upsert")} upserts, {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.InRange(faults.Injected, 5, int.MaxValue);
        await AssertSourceDigestAsync(server, "f", input);
    }

    [Fact]
    public async Task Every_kind_of_fault_mixed_on_an_idless_source_keeps_the_client_assigned_keys_unique()
    {
        FaultKind[] all = [FaultKind.Unavailable, FaultKind.RateLimited, FaultKind.ResourceExhausted, FaultKind.StoreThenFail, FaultKind.StoreThenDrop, FaultKind.DropConnection];
        var faults = new FaultPlan(0.2, all, seed: 99);
        await using var server = await MilvusTestServer.StartAsync(new MilvusTestServerOptions { Faults = faults });
        using var home = new TempDirectory("milvusdm-fault-mixed");
        string job = Job(home, server, "plain", "m", "batch_bytes: 8192, in_flight: 4");

        ProcessResult result = await ToolRun.RunAsync(home.Path, ["run", job], TimeSpan.FromMinutes(3));

        output.WriteLine($"mixed: {faults.Injected} faults injected");
        Assert.True(result.ExitCode == 0, result.ToString());
        await AssertSourceDigestAsync(server, "m", "plain");
    }

    [Fact]
    public async Task Requests_larger_than_the_server_accepts_are_split_until_they_fit()
    {
        // The server refuses any message above 20,000 bytes (RESOURCE_EXHAUSTED, as grpc-go does); the sink sends 1 MiB.
        await using var server = await MilvusTestServer.StartAsync(new MilvusTestServerOptions { MaxReceiveBytes = 20_000 });
        using var home = new TempDirectory("milvusdm-fault-split");
        string job = Job(home, server, "keyed", "s", "batch_bytes: 1048576", batchBytes: 262_144);

        ProcessResult result = await ToolRun.RunAsync(home.Path, ["run", job], TimeSpan.FromMinutes(3));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(server.Milvus.CallCounts["Insert"] > GeneratedData.Rows * 64 / 20_000, "every request was cut below the limit");
        await AssertSourceDigestAsync(server, "s", "keyed");
    }

    [Fact]
    public async Task A_server_restarted_in_the_middle_of_a_job_keeps_its_data_and_the_job_completes()
    {
        MilvusTestServer server = await MilvusTestServer.StartAsync();
        try
        {
            int port = server.Uri.Port;
            using var home = new TempDirectory("milvusdm-fault-restart");
            string job = Job(home, server, "keyed", "r", "max_attempts: 10", extra: "max_rows_per_second: 5000\n");
            using ToolRun run = ToolRun.Start(home.Path, ["run", job]);
            await run.WaitForErrorLineAsync(l => l.Contains("] started (", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
            while (ServerCalls.Count(server, "Insert") < 3 && !run.HasExited)
            {
                await Task.Delay(10);
            }


            // Stop: the port refuses connections for a while; then a new server on the same port serves the same data.
            InMemoryMilvus data = server.Milvus;
            long storedBefore = data.FindCollection("r")!.RowCount;
            await server.DisposeAsync();
            await Task.Delay(1500);
            server = await MilvusTestServer.StartAsync(port: port, data: data);
            ProcessResult result = await run.WaitAsync(TimeSpan.FromMinutes(3));

            output.WriteLine($"restart after {storedBefore} rows stored");
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.InRange(storedBefore, 1, GeneratedData.Rows - 1);
            await AssertSourceDigestAsync(server, "r", "keyed");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("unavailable")]
    [InlineData("hanging")]
    [InlineData("down")]
    public async Task A_permanently_failing_server_ends_in_exit_4_within_the_configured_time(string failure)
    {
        var options = failure switch
        {
            "unavailable" => new MilvusTestServerOptions { Faults = new FaultPlan(1.0, [FaultKind.Unavailable]) },
            // Every write waits an hour: only the call deadline (timeout_seconds) ends it.
            "hanging" => new MilvusTestServerOptions { Faults = new FaultPlan(0.0, [FaultKind.Unavailable]) { Delay = TimeSpan.FromHours(1) } },
            _ => new MilvusTestServerOptions(),
        };
        MilvusTestServer server = await MilvusTestServer.StartAsync(options);
        using var home = new TempDirectory("milvusdm-fault-permanent");
        string job = Job(home, server, "keyed", "p", "max_attempts: 3, timeout_seconds: 2");
        var clock = new Stopwatch();
        ProcessResult result;
        try
        {
            if (failure == "down")
            {
                // Nothing listens on the port any more: every connection is refused.
                await server.DisposeAsync();
            }

            clock.Start();
            result = await ToolRun.RunAsync(home.Path, ["run", job], TimeSpan.FromMinutes(2));
        }
        finally
        {
            if (failure != "down")
            {
                await server.DisposeAsync();
            }
        }

        output.WriteLine($"{failure}: exit {result.ExitCode} after {clock.Elapsed.TotalSeconds:0.0} s: {result.Error.Trim()}");
        Assert.True(result.ExitCode == ExitCodes.ServerError, result.ToString());
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(45));
        string[] errors = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToArray();
        Assert.Single(errors);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    private static string Job(TempDirectory home, MilvusTestServer server, string input, string collection, string sinkExtra, int batchBytes = 16384, string extra = "")
    {
        string source = input == "keyed" ? Data.KeyedIndex : Data.PlainIndex;
        return home.Write("job.yaml",
            $"source: {{plugin: faiss, path: {source}}}\nsink: {{plugin: milvus, uri: {server.Uri}, collection: {collection}, {sinkExtra}}}\nverify: digest\nbatch: {{bytes: {batchBytes}}}\n{extra}");
    }

    private static async Task AssertSourceDigestAsync(MilvusTestServer server, string collection, string input)
    {
        DigestPair digest = await ReadBack.CollectionAsync(server, collection);
        Assert.Equal(GeneratedData.Rows, digest.Rows);
        Assert.Equal(input == "keyed" ? Data.KeyedDigest : Data.OrdinalDigest, digest.Digest.ToString());
        Assert.Equal(0, server.Milvus.FindCollection(collection)!.DuplicateRows);
    }
}
