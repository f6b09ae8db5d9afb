using System.Text.Json;

namespace MilvusDm.Plugins.Faiss.Tests;

/// <summary>The committed fixtures of tests/TestData/faiss and what real Faiss reported about them (expected.json).</summary>
internal static class Fixtures
{
    private static readonly Lazy<string> s_directory = new(FindDirectory);
    private static readonly Lazy<Dictionary<string, Expected>> s_expected = new(Load);

    public static string Directory => s_directory.Value;

    public static IReadOnlyDictionary<string, Expected> All => s_expected.Value;

    public static string PathOf(string name) => Path.Combine(Directory, All[name].File);

    public static TheoryData<string> Supported() => [.. All.Values.Where(e => e.Supported).Select(e => e.Name).Order()];

    public static TheoryData<string> Refused() => [.. All.Values.Where(e => !e.Supported).Select(e => e.Name).Order()];

    public static TheoryData<string> Readable() => [.. All.Values.Where(e => e.Supported || e.Decoded is not null).Select(e => e.Name).Order()];

    /// <summary>Lossy fixtures with what Faiss reconstructs from them (read with allow_lossy).</summary>
    public static TheoryData<string> Decodable() => [.. All.Values.Where(e => e.Decoded is not null).Select(e => e.Name).Order()];

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "TestData", "faiss");
            if (File.Exists(Path.Combine(candidate, "expected.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/TestData/faiss/expected.json not found above " + AppContext.BaseDirectory);
    }

    private static Expected Decoded(string name, JsonElement fixture, JsonElement d) => new(
        name,
        fixture.GetProperty("file").GetString()!,
        fixture.GetProperty("fourcc").GetString()!,
        true,
        8,
        d.GetProperty("rows").GetInt64(),
        "float32",
        null,
        d.GetProperty("has_ids").GetBoolean(),
        d.GetProperty("ids").ValueKind == JsonValueKind.Array ? [.. d.GetProperty("ids").EnumerateArray().Select(i => i.GetInt64())] : null,
        Convert.FromBase64String(d.GetProperty("vectors_b64").GetString()!),
        d.GetProperty("digest").GetString(),
        d.GetProperty("vectors_digest").GetString(),
        null);

    private static Dictionary<string, Expected> Load()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "expected.json")));
        var result = new Dictionary<string, Expected>();
        foreach (JsonProperty fixture in doc.RootElement.GetProperty("fixtures").EnumerateObject())
        {
            JsonElement e = fixture.Value;
            bool supported = e.GetProperty("supported").GetBoolean();
            result[fixture.Name] = new Expected(
                fixture.Name,
                e.GetProperty("file").GetString()!,
                e.GetProperty("fourcc").GetString()!,
                supported,
                supported ? e.GetProperty("dim").GetInt32() : 0,
                supported ? e.GetProperty("rows").GetInt64() : 0,
                supported ? e.GetProperty("vector_type").GetString() : null,
                supported ? e.GetProperty("metric").GetString() : null,
                supported && e.GetProperty("has_ids").GetBoolean(),
                supported && e.GetProperty("ids").ValueKind == JsonValueKind.Array ? [.. e.GetProperty("ids").EnumerateArray().Select(i => i.GetInt64())] : null,
                supported ? Convert.FromBase64String(e.GetProperty("vectors_b64").GetString()!) : [],
                supported ? e.GetProperty("digest").GetString() : null,
                supported ? e.GetProperty("vectors_digest").GetString() : null,
                supported ? null : e.GetProperty("reason").GetString())
            {
                Decoded = e.TryGetProperty("decoded", out JsonElement decoded) ? Decoded(fixture.Name, e, decoded) : null,
            };
        }

        return result;
    }
}
