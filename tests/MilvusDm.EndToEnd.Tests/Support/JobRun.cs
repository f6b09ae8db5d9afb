using MilvusDm.Milvus.TestServer;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.EndToEnd.Tests.Support;

/// <summary>
/// A scratch folder, run ledgers inside it, test servers stopped with it, and the tool commands a test chains: run a
/// job, seed a server, inspect.
/// </summary>
internal sealed class JobRun : IAsyncDisposable
{
    private readonly TempDirectory _dir = new("milvusdm-e2e");
    private readonly List<MilvusTestServer> _servers = [];

    public string State => _dir.Combine("state");

    public string Combine(params string[] parts) => _dir.Combine(parts);

    public string Write(string relative, string content) => _dir.Write(relative, content);

    /// <summary>Starts an in-process Milvus test server that lives as long as this run.</summary>
    public async Task<MilvusTestServer> StartServerAsync()
    {
        MilvusTestServer server = await MilvusTestServer.StartAsync();
        _servers.Add(server);
        return server;
    }

    /// <summary><c>milvusdm run yamls/FILE --set …</c>: the shipped file, unchanged, pointed at fixtures and servers.</summary>
    public Task<ProcessResult> RunExampleAsync(string file, IEnumerable<string> sets, params string[] options) =>
        ToolProcess.SucceedAsync(State, ["run", Path.Combine("yamls", file), "--state-dir", State, .. options, .. Sets(sets)]);

    /// <summary><c>milvusdm validate yamls/FILE --set …</c>.</summary>
    public Task<ProcessResult> ValidateExampleAsync(string file, IEnumerable<string> sets) =>
        ToolProcess.SucceedAsync(State, ["validate", Path.Combine("yamls", file), .. Sets(sets)]);

    /// <summary>Runs an inline general-shape job written into the scratch folder.</summary>
    public Task<ProcessResult> RunJobAsync(string yaml) =>
        ToolProcess.SucceedAsync(State, "run", Write($"job-{Guid.NewGuid():N}.yaml", yaml), "--state-dir", State);

    /// <summary>
    /// Writes a Faiss fixture into <paramref name="collection"/> (and <paramref name="partition"/>) of a test server,
    /// loaded, as collections in service are: the Milvus source then knows every partition's row count for the plan.
    /// </summary>
    public Task<ProcessResult> SeedAsync(MilvusTestServer server, string faissFixture, string collection, string? partition = null) =>
        RunJobAsync(
            $"source: {{plugin: faiss, path: '{Fixtures.Faiss(faissFixture)}'}}\n"
            + $"sink: {{plugin: milvus, uri: '{server.Uri}', collection: {collection}{(partition is null ? "" : $", partition: {partition}")}, load: true}}\n");

    /// <summary><c>milvusdm inspect TARGET --json</c> summed over its datasets.</summary>
    public async Task<Inventory> InspectAsync(string target, params string[] options) =>
        Inventory.Parse((await ToolProcess.SucceedAsync(State, ["inspect", target, "--json", .. options])).Output);

    /// <summary>Inspects several files and sums them.</summary>
    public async Task<Inventory> InspectFilesAsync(params string[] files)
    {
        var each = new List<Inventory>();
        foreach (string file in files)
        {
            each.Add(await InspectAsync(file));
        }

        return new Inventory(each.Sum(e => e.Rows), Inventory.Sum(each.Select(e => e.Digest)), Inventory.Sum(each.Select(e => e.VectorsDigest)), [.. each.SelectMany(e => e.Datasets)]);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (MilvusTestServer server in _servers)
        {
            await server.DisposeAsync();
        }

        _dir.Dispose();
    }

    private static IEnumerable<string> Sets(IEnumerable<string> sets) => sets.SelectMany(s => new[] { "--set", s });

    /// <summary>The destination holds exactly the source's rows: same count, same digest, same vectors digest.</summary>
    public static void AssertHolds(Inventory expected, Inventory actual)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Digest, actual.Digest);
        Assert.Equal(expected.VectorsDigest, actual.VectorsDigest);
    }
}
