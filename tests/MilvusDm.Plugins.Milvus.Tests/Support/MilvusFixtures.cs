using System.Text.Json;

namespace MilvusDm.Plugins.Milvus.Tests.Support;

/// <summary>The HDF5 inputs of the end-to-end tests and what tests/TestData/milvus/make_fixtures.py computed for them.</summary>
internal static class MilvusFixtures
{
    private static readonly Lazy<JsonElement> s_fixtures = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path("expected.json"))).RootElement.GetProperty("fixtures").Clone());

    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "milvus", name);

    public static JsonElement Of(string name) => s_fixtures.Value.GetProperty(name);

    public static long Rows(string name) => Of(name).GetProperty("rows").GetInt64();

    public static string Text(string name, string property) => Of(name).GetProperty(property).GetString()!;
}
