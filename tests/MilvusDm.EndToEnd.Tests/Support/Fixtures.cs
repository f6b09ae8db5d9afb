using System.Text.Json;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.EndToEnd.Tests.Support;

/// <summary>The committed fixtures (made by real Faiss and h5py) and what their generator scripts recorded about them.</summary>
internal static class Fixtures
{
    public static string Faiss(string name) => Path.Combine(RepoPaths.Root, "tests", "TestData", "faiss", name);

    public static string Hdf5(string name) => Path.Combine(RepoPaths.Root, "tests", "TestData", "hdf5", name);

    /// <summary>rows, digest and vectors_digest the fixture script computed for <paramref name="file"/>.</summary>
    public static Inventory Expected(string file)
    {
        string folder = Path.GetExtension(file) == ".index" ? "faiss" : "hdf5";
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "TestData", folder, "expected.json")));
        JsonElement fixture = document.RootElement.GetProperty("fixtures").GetProperty(Path.GetFileNameWithoutExtension(file));
        return new Inventory(
            fixture.GetProperty("rows").GetInt64(),
            fixture.GetProperty("digest").GetString()!,
            fixture.GetProperty("vectors_digest").GetString()!,
            [file]);
    }

    /// <summary>The union of several fixtures' rows.</summary>
    public static Inventory Expected(params string[] files)
    {
        var each = files.Select(Expected).ToList();
        return new Inventory(each.Sum(e => e.Rows), Inventory.Sum(each.Select(e => e.Digest)), Inventory.Sum(each.Select(e => e.VectorsDigest)), files);
    }
}
