using System.Text.Json;

namespace MilvusDm.Plugins.Milvus.Tests;

/// <summary>Digests the Faiss fixture script computed with real Faiss (tests/TestData/faiss/expected.json).</summary>
internal static class FaissExpected
{
    private static readonly Lazy<JsonElement> s_fixtures = new(() =>
        JsonDocument.Parse(File.ReadAllText(Jobs.FaissFixture("expected.json"))).RootElement.GetProperty("fixtures"));

    public static (string Digest, string VectorsDigest, long Rows) Of(string file)
    {
        var entry = s_fixtures.Value.EnumerateObject().Select(p => p.Value).Single(v => v.GetProperty("file").GetString() == file);
        return (entry.GetProperty("digest").GetString()!, entry.GetProperty("vectors_digest").GetString()!, entry.GetProperty("rows").GetInt64());
    }
}
