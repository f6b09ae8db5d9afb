using System.Text.Json;
using MilvusDm.EndToEnd.Tests.Support;
using MilvusDm.Milvus.TestServer;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.EndToEnd.Tests.Examples;

/// <summary>One case per file in yamls/: fixtures, servers and overrides, the expected destination, the expected plan.</summary>
internal static class ExampleCases
{
    public static readonly IReadOnlyDictionary<string, Func<JobRun, Task<ExampleCase>>> All = new Dictionary<string, Func<JobRun, Task<ExampleCase>>>(StringComparer.Ordinal)
    {
        ["quickstart.yaml"] = Quickstart,
        ["F2M.yaml"] = OriginalF2MAsync,
        ["H2M.yaml"] = OriginalH2MAsync,
        ["faiss-to-discard.yaml"] = FaissToDiscard,
        ["faiss-to-hdf5.yaml"] = FaissToHdf5,
        ["faiss-to-milvus.yaml"] = FaissToMilvusAsync,
        ["hdf5-to-hdf5.yaml"] = Hdf5ToHdf5,
        ["hdf5-to-milvus.yaml"] = Hdf5ToMilvusAsync,
        ["milvus-to-milvus.yaml"] = MilvusToMilvusAsync,
        ["milvus-to-hdf5.yaml"] = MilvusToHdf5Async,
        ["M2M.yaml"] = OriginalM2MAsync,
        ["M2H.yaml"] = OriginalM2H,
        ["milvus-legacy-to-milvus.yaml"] = MilvusLegacyToMilvusAsync,
    };

    /// <summary>Every file in yamls/.</summary>
    public static IEnumerable<string> Files => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "yamls"))
        .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    /// <summary>The partitions the original M2M/M2H cases select: explicit tags ('' = the default one) and a whole collection.</summary>
    private static readonly string[] LegacySelection = ["float_coll/tag_a", "float_coll/_default", "ip_coll/_default", "ip_coll/tag-1 x"];

    public static Task<ExampleCase> CreateAsync(string file, JobRun job)
    {
        Assert.True(All.TryGetValue(file, out Func<JobRun, Task<ExampleCase>>? create), $"yamls/{file} has no test case: add one to {nameof(ExampleCases)}.{nameof(All)}");
        return create(job);
    }

    private static Task<ExampleCase> Quickstart(JobRun job)
    {
        string output = job.Combine("out");
        using JsonDocument sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", "quickstart.json")));
        JsonElement s = sample.RootElement;
        var expected = new Inventory(s.GetProperty("rows").GetInt64(), s.GetProperty("digest").GetString()!, s.GetProperty("vectors_digest").GetString()!, []);
        string file = Path.Combine(output, "quickstart", "_default.h5");
        return Task.FromResult(new ExampleCase("quickstart.yaml", [$"sink.dir={output}"])
        {
            CheckRun = ExampleCase.Holds(expected, () => job.InspectAsync(file)),
            Untouched = () => !Directory.Exists(output),
            Plan = ["dataset quickstart.index: 500 rows, 31.3 KB, dim 16, float32, metric L2, ids from source", $"-> {file}", $"create {file}", "mode: overwrite", "verify: digest"],
        });
    }

    private static async Task<ExampleCase> OriginalF2MAsync(JobRun job)
    {
        MilvusTestServer server = await job.StartServerAsync();
        const string Fixture = "ivfflat_full.index";
        return new ExampleCase("F2M.yaml", [$"F2M.data_path={Fixtures.Faiss(Fixture)}", $"F2M.dest_port={server.Uri.Port}", "F2M.collection_parameter.dimension=8"])
        {
            CheckRun = ExampleCase.Holds(Fixtures.Expected(Fixture), () => job.InspectAsync(server.Uri.ToString(), "--collection", "test")),
            Untouched = () => Untouched(server),
            Plan = ["(original F2M task)", "source: faiss; sink: milvus", $"dataset {Fixture}: 300 rows", "dim 8, float32, metric L2, ids from source", "mode: append", "create collection test"],
        };
    }

    private static async Task<ExampleCase> OriginalH2MAsync(JobRun job)
    {
        MilvusTestServer server = await job.StartServerAsync();

        // One file with ids, one without (its rows get keys 0..n-1): the fixtures' ids overlap, and Milvus keeps duplicates.
        string[] fixtures = ["latest_contiguous.h5", "ann_euclidean.h5"];
        return new ExampleCase("H2M.yaml", [$"H2M.data_path=['{Fixtures.Hdf5(fixtures[0])}', '{Fixtures.Hdf5(fixtures[1])}']", $"H2M.dest_port={server.Uri.Port}", "H2M.collection_parameter.dimension=8"])
        {
            CheckRun = ExampleCase.Holds(Fixtures.Expected(fixtures), () => job.InspectAsync(server.Uri.ToString(), "--collection", "test_float")),
            Untouched = () => Untouched(server),
            Plan = ["(original H2M task)", "dataset latest_contiguous.h5: 50 rows", "dataset ann_euclidean.h5: 60 rows", "no ids: client-assigned keys", "mode: overwrite", "partition_1", "create collection test_float"],
        };
    }

    private static Task<ExampleCase> FaissToDiscard(JobRun job)
    {
        const string Fixture = "idmap_ivfflat.index";
        long rows = Fixtures.Expected(Fixture).Rows;
        return Task.FromResult(new ExampleCase("faiss-to-discard.yaml", [$"source.path={Fixtures.Faiss(Fixture)}"])
        {
            // Nothing to read back: the sink counts what it was given.
            CheckRun = run =>
            {
                Assert.Contains($"{Fixture} -> discard: {rows} rows read, {rows} written, count check passed", run.Output, StringComparison.Ordinal);
                return Task.CompletedTask;
            },
            Untouched = () => true,
            Plan = [$"dataset {Fixture}: {rows} rows", "-> discard"],
        });
    }

    private static Task<ExampleCase> FaissToHdf5(JobRun job)
    {
        const string Fixture = "bin_idmap.index";
        string output = job.Combine("out");
        string file = Path.Combine(output, "bin_idmap", "_default.h5");
        return Task.FromResult(new ExampleCase("faiss-to-hdf5.yaml", [$"source.path={Fixtures.Faiss(Fixture)}", $"sink.dir={output}"])
        {
            CheckRun = async run =>
            {
                JobRun.AssertHolds(Fixtures.Expected(Fixture), await job.InspectAsync(file));
                Assert.True(File.Exists(Path.Combine(output, "manifest.json")));
            },
            Untouched = () => !Directory.Exists(output),
            Plan = [$"dataset {Fixture}: 30 rows", "dim 64, binary, metric HAMMING", $"create {file}", "mode: skip"],
        });
    }

    private static async Task<ExampleCase> FaissToMilvusAsync(JobRun job)
    {
        MilvusTestServer server = await job.StartServerAsync();
        const string Fixture = "flat_l2.index"; // no ids: keys 0..n-1, so even the keyed digest matches
        return new ExampleCase("faiss-to-milvus.yaml", [$"source.path={Fixtures.Faiss(Fixture)}", $"sink.uri={server.Uri}"])
        {
            CheckRun = ExampleCase.Holds(Fixtures.Expected(Fixture), () => job.InspectAsync(server.Uri.ToString(), "--collection", "vectors")),
            Untouched = () => Untouched(server),
            Plan = [$"dataset {Fixture}: 40 rows", "no ids: client-assigned keys", "mode: overwrite", "create collection vectors", "create index AUTOINDEX"],
        };
    }

    private static Task<ExampleCase> Hdf5ToHdf5(JobRun job)
    {
        string[] fixtures = ["big_endian.h5", "float64_chunked.h5"];
        string input = job.Combine("in");
        Directory.CreateDirectory(input);
        foreach (string fixture in fixtures)
        {
            File.Copy(Fixtures.Hdf5(fixture), Path.Combine(input, fixture));
        }

        string output = job.Combine("out");
        string[] files = [.. fixtures.Select(f => Path.Combine(output, Path.GetFileNameWithoutExtension(f), "_default.h5"))];
        return Task.FromResult(new ExampleCase("hdf5-to-hdf5.yaml", [$"source.dir={input}", $"sink.dir={output}"])
        {
            CheckRun = ExampleCase.Holds(Fixtures.Expected(fixtures), () => job.InspectFilesAsync(files)),
            Untouched = () => !Directory.Exists(output),
            Plan = ["dataset big_endian.h5: 30 rows", "dataset float64_chunked.h5: 40 rows", $"create {files[0]}", $"create {files[1]}", "mode: overwrite"],
        });
    }

    private static async Task<ExampleCase> Hdf5ToMilvusAsync(JobRun job)
    {
        MilvusTestServer server = await job.StartServerAsync();
        string[] fixtures = ["latest_btree2.h5", "ann_angular.h5"];
        return new ExampleCase("hdf5-to-milvus.yaml", [$"source.paths=['{Fixtures.Hdf5(fixtures[0])}', '{Fixtures.Hdf5(fixtures[1])}']", $"sink.uri={server.Uri}"])
        {
            CheckRun = ExampleCase.Holds(Fixtures.Expected(fixtures), () => job.InspectAsync(server.Uri.ToString(), "--collection", "articles")),
            Untouched = () => Untouched(server),
            Plan = ["dataset latest_btree2.h5: 100 rows", "dataset ann_angular.h5: 60 rows", "metric COSINE", "batches: up to 4.0 MB each, 4 in flight", "mode: append", "create collection articles"],
        };
    }

    private static async Task<ExampleCase> MilvusToMilvusAsync(JobRun job)
    {
        MilvusTestServer source = await job.StartServerAsync();
        MilvusTestServer destination = await job.StartServerAsync();
        await job.SeedAsync(source, "idmap_flat_l2.index", "demo");
        await job.SeedAsync(source, "ivfflat_full.index", "demo", "p1");
        return new ExampleCase("milvus-to-milvus.yaml", [$"source.uri={source.Uri}", $"sink.uri={destination.Uri}"])
        {
            CheckRun = async _ =>
            {
                Inventory copied = await job.InspectAsync(destination.Uri.ToString(), "--collection", "demo");
                JobRun.AssertHolds(Fixtures.Expected("idmap_flat_l2.index", "ivfflat_full.index"), copied);
                Assert.Equal(["demo/_default", "demo/p1"], copied.Datasets.Order(StringComparer.Ordinal));
            },
            Untouched = () => Untouched(destination),
            Plan = ["dataset demo/_default: 30 rows", "dataset demo/p1: 300 rows", "mode: skip", "create collection demo"],
        };
    }

    private static async Task<ExampleCase> MilvusToHdf5Async(JobRun job)
    {
        MilvusTestServer server = await job.StartServerAsync();
        await job.SeedAsync(server, "bin_idmap.index", "demo");
        await job.SeedAsync(server, "bin_ivf.index", "demo", "p1");
        string output = job.Combine("out");
        string[] files = [Path.Combine(output, "demo", "_default.h5"), Path.Combine(output, "demo", "p1.h5")];
        return new ExampleCase("milvus-to-hdf5.yaml", [$"source.uri={server.Uri}", $"sink.dir={output}"])
        {
            CheckRun = ExampleCase.Holds(Fixtures.Expected("bin_idmap.index", "bin_ivf.index"), () => job.InspectFilesAsync(files)),
            Untouched = () => !Directory.Exists(output),
            Plan = ["dataset demo/_default: 30 rows", "dataset demo/p1: 70 rows", "dim 64, binary", $"create {files[0]}", $"create {files[1]}"],
        };
    }

    private static async Task<ExampleCase> OriginalM2MAsync(JobRun job)
    {
        MilvusTestServer server = await job.StartServerAsync();
        return new ExampleCase("M2M.yaml", [.. LegacySource(job, "M2M"), $"M2M.dest_port={server.Uri.Port}"])
        {
            CheckRun = ExampleCase.Holds(LegacyStorage.Expected(LegacySelection), () => job.InspectAsync(server.Uri.ToString(), "--collection", "float_coll", "--collection", "ip_coll")),
            Untouched = () => Untouched(server),
            Plan = ["(original M2M task)", "source: milvus-legacy; sink: milvus", "dataset float_coll/tag_a: 68 rows", "dataset ip_coll/tag-1 x: 6 rows", "metric IP", "mode: skip", "create collection float_coll"],
        };
    }

    private static Task<ExampleCase> OriginalM2H(JobRun job)
    {
        string output = job.Combine("out");
        string[] files = [.. LegacySelection.Select(d => Path.Combine(output, d + ".h5"))];
        return Task.FromResult(new ExampleCase("M2H.yaml", [.. LegacySource(job, "M2H"), $"M2H.data_dir={output}"])
        {
            CheckRun = ExampleCase.Holds(LegacyStorage.Expected(LegacySelection), () => job.InspectFilesAsync(files)),
            Untouched = () => !Directory.Exists(output),
            Plan = ["(original M2H task)", "source: milvus-legacy; sink: hdf5", "dataset float_coll/_default: 78 rows", $"create {files[0]}", $"create {files[3]}"],
        });
    }

    private static async Task<ExampleCase> MilvusLegacyToMilvusAsync(JobRun job)
    {
        MilvusTestServer server = await job.StartServerAsync();
        (string primary, string secondary) = LegacyStorage.Copy(job);
        string[] partitions = ["float_coll/_default", "float_coll/empty_part", "float_coll/tag_a"];
        return new ExampleCase("milvus-legacy-to-milvus.yaml", [$"source.path={primary}", $"source.secondary_paths=['{secondary}']", "source.collections={float_coll: []}", $"sink.uri={server.Uri}"])
        {
            CheckRun = async _ =>
            {
                Inventory merged = await job.InspectAsync(server.Uri.ToString(), "--collection", "products_all");
                JobRun.AssertHolds(LegacyStorage.Expected(partitions), merged);
                Assert.Equal(["products_all/_default"], merged.Datasets);
            },
            Untouched = () => Untouched(server),
            Plan = ["dataset float_coll/_default: 78 rows", "dataset float_coll/empty_part: 0 rows", "dataset float_coll/tag_a: 68 rows", "mode: append", "create collection products_all"],
        };
    }

    /// <summary>Points an original M2M/M2H file at a copy of the storage fixture, with its SQLite meta.</summary>
    private static string[] LegacySource(JobRun job, string task)
    {
        (string primary, string secondary) = LegacyStorage.Copy(job);
        return
        [
            $"{task}.source_milvus_path={primary}",
            $"{task}.secondary_paths=['{secondary}']",
            $"{task}.mysql_parameter=null",
            $"{task}.source_collection={{float_coll: [tag_a, ''], ip_coll: }}",
        ];
    }

    /// <summary>No collection was created and nothing was inserted.</summary>
    private static bool Untouched(MilvusTestServer server) =>
        !server.Milvus.CallCounts.Keys.Any(method => method is "CreateCollection" or "Insert" or "Upsert" or "DropCollection" or "CreatePartition");
}
