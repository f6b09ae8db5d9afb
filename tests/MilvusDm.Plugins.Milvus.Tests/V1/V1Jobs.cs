using System.Text.Json;
using MilvusDm.Abstractions;
using MilvusDm.Milvus.TestServer;
using MilvusDm.Plugins.Hdf5;

namespace MilvusDm.Plugins.Milvus.Tests.V1;

/// <summary>1.x test servers and the HDF5 side of H2M jobs (the Faiss side and the copy loop are in <see cref="Jobs"/>).</summary>
internal static class V1Jobs
{
    private static readonly Lazy<JsonElement> s_hdf5 = new(() =>
        JsonDocument.Parse(File.ReadAllText(Hdf5Fixture("expected.json"))).RootElement.GetProperty("fixtures"));

    /// <summary>A test server playing Milvus <paramref name="version"/> (1.x protocol) with small segments, so reads span several.</summary>
    public static async Task<MilvusTestServer> StartAsync(int segmentRows = 64, string version = "1.1.1", FaultPlan? faults = null, int maxReceiveBytes = 0)
    {
        var options = new MilvusTestServerOptions { LegacyVersion = version, Faults = faults };
        if (maxReceiveBytes > 0)
        {
            options = options with { MaxReceiveBytes = maxReceiveBytes };
        }

        var server = await MilvusTestServer.StartAsync(options);
        server.MilvusV1.SegmentRows = segmentRows;
        return server;
    }

    public static string Hdf5Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "hdf5", name);

    public static IVectorSource Hdf5(string fixture, TestLog log) =>
        new Hdf5Plugin().CreateSource(PluginConfigNode.FromYaml($"paths: [{Hdf5Fixture(fixture)}]\n"), Jobs.Context(log));

    /// <summary>Digests h5py computed for a fixture (tests/TestData/hdf5/expected.json).</summary>
    public static (string Digest, string VectorsDigest, long Rows) Hdf5Expected(string file)
    {
        var entry = s_hdf5.Value.EnumerateObject().Select(p => p.Value).Single(v => v.GetProperty("file").GetString() == file);
        return (entry.GetProperty("digest").GetString()!, entry.GetProperty("vectors_digest").GetString()!, entry.GetProperty("rows").GetInt64());
    }

    /// <summary>Every dataset of a source, digested (one per partition or collection).</summary>
    public static async Task<Dictionary<string, DigestPair>> DigestsAsync(IVectorSource source)
    {
        var digests = new Dictionary<string, DigestPair>(StringComparer.Ordinal);
        foreach (var dataset in await source.ListDatasetsAsync(CancellationToken.None))
        {
            digests[dataset.Name] = await Jobs.DigestAsync(source, dataset);
        }

        return digests;
    }
}
