using System.Text.Json;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.EndToEnd.Tests.Support;

/// <summary>
/// The committed Milvus 1.x storage fixture (tests/TestData/milvus-legacy, made by its make_fixtures.py) copied into a
/// scratch folder (SQLite leaves side files beside a database even when it only reads), and its truth.json.
/// </summary>
internal static class LegacyStorage
{
    private static string Fixture => Path.Combine(RepoPaths.Root, "tests", "TestData", "milvus-legacy");

    /// <summary>Copies storage/ and storage-secondary/ into <paramref name="job"/>; returns (primary, secondary).</summary>
    public static (string Primary, string Secondary) Copy(JobRun job)
    {
        (string, string) copies = (job.Combine("storage"), job.Combine("storage-secondary"));
        CopyFolder(Path.Combine(Fixture, "storage"), copies.Item1);
        CopyFolder(Path.Combine(Fixture, "storage-secondary"), copies.Item2);
        return copies;
    }

    /// <summary>The rows and digests the fixture script recorded for datasets named <c>collection/partition</c>.</summary>
    public static Inventory Expected(params string[] datasets)
    {
        using JsonDocument truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixture, "truth.json")));
        var found = truth.RootElement.GetProperty("datasets").EnumerateArray().Where(d => datasets.Contains(d.GetProperty("name").GetString())).ToList();
        Assert.Equal(datasets.Length, found.Count);
        return new Inventory(
            found.Sum(d => d.GetProperty("rows").GetInt64()),
            Inventory.Sum(found.Select(d => d.GetProperty("digest").GetString()!)),
            Inventory.Sum(found.Select(d => d.GetProperty("vectors_digest").GetString()!)),
            datasets);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal)))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
