using System.Text.Json;
using MilvusDm.Abstractions;
using MilvusDm.Milvus.TestServer;
using MilvusDm.Reliability.Tests.Support;
using MilvusDm.Tool.Tests.Support;
using Xunit.Abstractions;

namespace MilvusDm.Reliability.Tests.Kill;

/// <summary>
/// Real tool processes copying Faiss and HDF5 files into the Milvus test server are SIGKILLed at seeded-random
/// points and resumed; the collection must end with exactly the source's rows (digest equal, no duplicate keys).
/// 20,000 rows throttled to 4,000 rows/s, so one uninterrupted run takes about five seconds.
/// </summary>
public sealed class MilvusKillTests(ITestOutputHelper output)
{
    private static GeneratedData Data => GeneratedData.Shared;

    [Theory]
    [InlineData("keyed faiss", 3, 1101)]
    [InlineData("plain faiss", 3, 1202)]
    [InlineData("plain hdf5", 2, 1303)]
    public async Task Killed_and_resumed_runs_end_with_the_source_digest_and_no_duplicates(string input, int kills, int seed)
    {
        (string sourceYaml, string expected) = input switch
        {
            "keyed faiss" => ($"{{plugin: faiss, path: {Data.KeyedIndex}}}", Data.KeyedDigest),
            "plain faiss" => ($"{{plugin: faiss, path: {Data.PlainIndex}}}", Data.OrdinalDigest),
            _ => ($"{{plugin: hdf5, paths: [{Data.PlainHdf5}]}}", Data.OrdinalDigest),
        };
        await using var server = await MilvusTestServer.StartAsync();
        using var home = new TempDirectory("milvusdm-kill");
        string job = home.Write("job.yaml",
            $"source: {sourceYaml}\nsink: {{plugin: milvus, uri: {server.Uri}, collection: k}}\nbatch: {{bytes: 16384}}\nmax_rows_per_second: 4000\n");
        var loop = new KillLoop(home.Path, job, seed) { Progress = () => ServerCalls.Count(server, "Insert", "Upsert") };

        ProcessResult last = await loop.RunAsync(kills, _ =>
        {
            // At every kill point: keys sent twice were upserted, never stored twice.
            Assert.Equal(0, server.Milvus.FindCollection("k")?.DuplicateRows ?? 0);
            output.WriteLine($"killed; rows stored so far {server.Milvus.FindCollection("k")?.RowCount ?? 0}");
            return Task.CompletedTask;
        });

        output.WriteLine($"{input}: kills after [{string.Join(", ", loop.Kills)}] ms, total {loop.Elapsed.TotalSeconds:0.0} s");
        Assert.True(last.ExitCode == 0, last.ToString());
        Assert.Equal(kills, loop.Kills.Count);
        Assert.Contains("resuming at row", last.Error, StringComparison.Ordinal);
        DigestPair digest = await ReadBack.CollectionAsync(server, "k");
        Assert.Equal(GeneratedData.Rows, digest.Rows);
        Assert.Equal(expected, digest.Digest.ToString());
        Assert.Equal(0, server.Milvus.FindCollection("k")!.DuplicateRows);
        Assert.True(server.Milvus.CallCounts.GetValueOrDefault("Upsert") > 0, "resumed runs re-send keyed rows as upserts");
    }

    [Fact]
    public async Task Ids_auto_is_at_least_once_and_the_report_bounds_the_duplicates()
    {
        await using var server = await MilvusTestServer.StartAsync();
        using var home = new TempDirectory("milvusdm-kill-auto");
        string report = home.Combine("report.json");
        string job = home.Write("job.yaml",
            $"source: {{plugin: faiss, path: {Data.PlainIndex}}}\nsink: {{plugin: milvus, uri: {server.Uri}, collection: auto}}\nids: auto\nbatch: {{bytes: 16384}}\nmax_rows_per_second: 4000\n");
        var loop = new KillLoop(home.Path, job, 1404) { ExtraArguments = ["--report", report], Progress = () => ServerCalls.Count(server, "Insert") };

        ProcessResult last = await loop.RunAsync(2);

        Assert.True(last.ExitCode == 0, last.ToString());
        Assert.Equal(2, loop.Kills.Count);
        List<string> stored = await ReadBack.CollectionVectorsAsync(server, "auto");
        HashSet<string> source = await SourceVectorsAsync();
        Assert.True(stored.Count >= GeneratedData.Rows, $"{stored.Count} rows stored");
        Assert.True(source.SetEquals(stored), "every source vector arrives, and nothing else");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(report));
        long mayBeDuplicated = document.RootElement.GetProperty("datasets").EnumerateArray().Sum(d => d.GetProperty("rows_maybe_duplicated").GetInt64());
        int duplicated = stored.Count - GeneratedData.Rows;
        output.WriteLine($"ids auto: kills after [{string.Join(", ", loop.Kills)}] ms; {duplicated} rows stored twice, report bound {mayBeDuplicated}; {loop.Elapsed.TotalSeconds:0.0} s");
        Assert.InRange(duplicated, 0, mayBeDuplicated);
        Assert.True(mayBeDuplicated == 0 || last.Error.Contains("may be duplicated", StringComparison.Ordinal), last.Error);
    }

    private static async Task<HashSet<string>> SourceVectorsAsync()
    {
        var vectors = new HashSet<string>(StringComparer.Ordinal);
        await using IVectorSource source = new Plugins.Hdf5.Hdf5Plugin().CreateSource(
            PluginConfigNode.FromYaml($"paths: [{Data.PlainHdf5}]\n"), new PluginContext(new SilentLog()));
        DatasetInfo dataset = (await source.ListDatasetsAsync(CancellationToken.None)).Single();
        await foreach (VectorBatch batch in source.ReadAsync(dataset, new ReadOptions { MaxBatchBytes = 1 << 20 }, CancellationToken.None))
        {
            using (batch)
            {
                for (int row = 0; row < batch.Count; row++)
                {
                    vectors.Add(Convert.ToBase64String(batch.VectorAt(row)));
                }
            }
        }

        return vectors;
    }
}
