using System.Runtime.InteropServices;
using System.Text.Json;
using MilvusDm.Plugins.MilvusLegacy.Tests.Infrastructure;

namespace MilvusDm.Plugins.MilvusLegacy.Tests.Support;

/// <summary>truth.json and truth/, as make_fixtures.py wrote them.</summary>
internal static class Truth
{
    private static readonly Lazy<IReadOnlyList<TruthDataset>> s_datasets = new(Load);

    public static IReadOnlyList<TruthDataset> Datasets => s_datasets.Value;

    public static TheoryData<string> Names => [.. Datasets.Select(d => d.Name)];

    public static TruthDataset Get(string name) => Datasets.Single(d => d.Name == name);

    private static List<TruthDataset> Load()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(LegacyTestData.Truth));
        var datasets = new List<TruthDataset>();
        foreach (JsonElement d in document.RootElement.GetProperty("datasets").EnumerateArray())
        {
            byte[] idBytes = File.ReadAllBytes(Path.Combine(LegacyTestData.Directory, d.GetProperty("ids_file").GetString()!));
            datasets.Add(new TruthDataset(
                d.GetProperty("name").GetString()!,
                d.GetProperty("collection").GetString()!,
                d.GetProperty("partition").GetString()!,
                d.GetProperty("table_id").GetString()!,
                d.GetProperty("dim").GetInt32(),
                d.GetProperty("metric").GetString()!,
                d.GetProperty("vector_type").GetString()!,
                d.GetProperty("rows").GetInt64(),
                d.GetProperty("digest").GetString()!,
                d.GetProperty("vectors_digest").GetString()!,
                d.GetProperty("index_file_size_mb").GetInt32(),
                MemoryMarshal.Cast<byte, long>(idBytes).ToArray(),
                File.ReadAllBytes(Path.Combine(LegacyTestData.Directory, d.GetProperty("vectors_file").GetString()!)),
                [.. d.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("folder").GetString()!)]));
        }

        return datasets;
    }
}
