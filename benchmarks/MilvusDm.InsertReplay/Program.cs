using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using MilvusDm.InsertReplay;
using MilvusDm.Plugins.Milvus.Protos.Common;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using MilvusDm.Plugins.Milvus.Protos.Schema;
using KeyValuePair = MilvusDm.Plugins.Milvus.Protos.Common.KeyValuePair;

// benchmarks/milvus.sh's pre-encoded request replay:
//   dotnet MilvusDm.InsertReplay.dll --uri http://127.0.0.1:PORT --index FLAT.index --request-rows N [--in-flight 3] [--collection bench]
// Encodes every Insert request first (not timed), creates the collection, then times sending them all with
// --in-flight requests at a time, a Flush and a row count. Prints one JSON line; exit 5 if the count differs.
var options = new Dictionary<string, string>(StringComparer.Ordinal) { ["--in-flight"] = "3", ["--collection"] = "bench" };
for (int i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i]] = args[i + 1];
}

if (!options.ContainsKey("--uri") || !options.ContainsKey("--index") || !options.ContainsKey("--request-rows") || args.Length % 2 != 0)
{
    Console.Error.WriteLine("usage: --uri http://127.0.0.1:PORT --index FLAT.index --request-rows N [--in-flight 3] [--collection bench]");
    return 2;
}

string collection = options["--collection"];
int requestRows = int.Parse(options["--request-rows"], CultureInfo.InvariantCulture);
int inFlight = int.Parse(options["--in-flight"], CultureInfo.InvariantCulture);
var clock = Stopwatch.StartNew();
var requests = await EncodedRequests.ReadAsync(options["--index"], collection, requestRows);
double encodeSeconds = clock.Elapsed.TotalSeconds;

using var client = new H2cUnaryClient(new Uri(options["--uri"]));
if ((await client.CallAsync("HasCollection", new HasCollectionRequest { CollectionName = collection }, BoolResponse.Parser)).Value)
{
    await client.CallAsync("DropCollection", new DropCollectionRequest { CollectionName = collection }, Status.Parser);
}

var schema = new CollectionSchema { Name = collection, Fields = { new FieldSchema { Name = "id", DataType = DataType.Int64, IsPrimaryKey = true } } };
schema.Fields.Add(new FieldSchema
{
    Name = "embedding",
    DataType = DataType.FloatVector,
    TypeParams = { new KeyValuePair { Key = "dim", Value = requests.Dim.ToString(CultureInfo.InvariantCulture) } },
});
await client.CallAsync("CreateCollection", new CreateCollectionRequest { CollectionName = collection, Schema = schema.ToByteString() }, Status.Parser);

// A fixed pool of senders, each taking the next request when its previous one is answered: always --in-flight at once.
int next = -1;
long acknowledged = 0;
clock.Restart();
await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
{
    for (int i = Interlocked.Increment(ref next); i < requests.Frames.Count; i = Interlocked.Increment(ref next))
    {
        var result = await client.SendAsync("Insert", requests.Frames[i], MutationResult.Parser).ConfigureAwait(false);
        Interlocked.Add(ref acknowledged, result.InsertCnt);
    }
})));
double sendSeconds = clock.Elapsed.TotalSeconds;
await client.CallAsync("Flush", new FlushRequest { CollectionNames = { collection } }, FlushResponse.Parser);
var stats = await client.CallAsync("GetCollectionStatistics", new GetCollectionStatisticsRequest { CollectionName = collection }, GetCollectionStatisticsResponse.Parser);
double totalSeconds = clock.Elapsed.TotalSeconds;
long stored = long.Parse(stats.Stats.First(s => s.Key == "row_count").Value, CultureInfo.InvariantCulture);

Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
{
    ["rows"] = requests.Rows,
    ["dim"] = requests.Dim,
    ["requests"] = requests.Frames.Count,
    ["request_rows"] = requestRows,
    ["in_flight"] = inFlight,
    ["request_bytes"] = requests.Bytes,
    ["acknowledged_rows"] = acknowledged,
    ["stored_rows"] = stored,
    ["encode_s"] = Math.Round(encodeSeconds, 3),
    ["insert_s"] = Math.Round(sendSeconds, 3),
    ["replay_s"] = Math.Round(totalSeconds, 3),
}));
return stored == requests.Rows && acknowledged == requests.Rows ? 0 : 5;
