using System.Runtime.InteropServices;
using System.Text.Json;
using MilvusDm.Milvus.TestServer;

// The test server as a separate process, for benchmarks and manual runs:
//   dotnet run --project tests/MilvusDm.Milvus.TestServer -- --port 19530 [--count-only] [--no-digest] [--version v2.4.13]
// --count-only checks, counts and digests every write but stores no row (memory stays flat); --no-digest also skips
// the per-row SHA-256. It prints "listening on URI" when ready and, on SIGTERM or Ctrl+C, one JSON line with every
// collection's row count and digests, then exits.
int port = 19530;
bool countOnly = false, noDigest = false;
string? version = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], out port):
            i++;
            break;
        case "--count-only":
            countOnly = true;
            break;
        case "--no-digest":
            noDigest = true;
            break;
        case "--version" when i + 1 < args.Length:
            version = args[++i];
            break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; usage: --port N [--count-only] [--no-digest] [--version vX.Y.Z]");
            return 2;
    }
}

var options = version is null ? new MilvusTestServerOptions() : new MilvusTestServerOptions { Version = version };
await using var server = await MilvusTestServer.StartAsync(options, port);
server.Milvus.CountOnly = countOnly;
server.Milvus.SkipDigest = noDigest;
using var stop = new CancellationTokenSource();
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
Console.WriteLine($"listening on {server.Uri} (count-only: {countOnly}, digest: {!noDigest})");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

var collections = server.Milvus.Inspect(databases => databases.Values
    .SelectMany(db => db.Collections.Values.Select(c => new
    {
        db = db.Name,
        name = c.Name,
        rows = c.RowCount,
        digest = c.CountedDigest.Digest.ToString(),
        vectors_digest = c.CountedDigest.VectorsDigest.ToString(),
    }))
    .ToList());
Console.WriteLine(JsonSerializer.Serialize(new { collections, calls = server.Milvus.CallCounts }));
return 0;
