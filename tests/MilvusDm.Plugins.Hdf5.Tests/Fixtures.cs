using System.Text.Json;

namespace MilvusDm.Plugins.Hdf5.Tests;

/// <summary>The committed fixtures of tests/TestData/hdf5 (made by make_fixtures.py with real h5py) and expected.json.</summary>
internal static class Fixtures
{
    private static readonly Lazy<string> s_directory = new(FindDirectory);
    private static readonly Lazy<Dictionary<string, Expected>> s_expected = new(Load);

    public static string Directory => s_directory.Value;

    public static IReadOnlyDictionary<string, Expected> All => s_expected.Value;

    public static string PathOf(string name) => Path.Combine(Directory, All[name].File);

    public static TheoryData<string> Supported() => [.. All.Values.Where(e => e.Supported).Select(e => e.Name).Order()];

    public static TheoryData<string> Refused() => [.. All.Values.Where(e => !e.Supported).Select(e => e.Name).Order()];

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "TestData", "hdf5");
            if (File.Exists(Path.Combine(candidate, "expected.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/TestData/hdf5/expected.json not found above " + AppContext.BaseDirectory);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static byte[]? Bytes(JsonElement e, string name) => Str(e, name) is { } b64 ? Convert.FromBase64String(b64) : null;

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
                supported,
                Str(e, "vectors_dataset"),
                supported ? e.GetProperty("rows").GetInt64() : 0,
                supported ? e.GetProperty("dim").GetInt32() : 0,
                Str(e, "vector_type"),
                Str(e, "metric"),
                supported && e.GetProperty("has_ids").GetBoolean(),
                supported && e.GetProperty("ids").ValueKind == JsonValueKind.Array ? [.. e.GetProperty("ids").EnumerateArray().Select(i => i.GetInt64())] : null,
                Str(e, "vectors_sha256"),
                Bytes(e, "vectors_b64"),
                Bytes(e, "first_row_b64"),
                Str(e, "digest"),
                Str(e, "vectors_digest"),
                Str(e, "reason"));
        }

        return result;
    }
}
