namespace MilvusDm.Plugins.MilvusLegacy.Tests.Infrastructure;

/// <summary>
/// The committed Milvus 1.x fixtures of tests/TestData/milvus-legacy (written by make_fixtures.py; see its README):
/// the storage folder, the secondary path, the MySQL meta script and truth.json.
/// </summary>
internal static class LegacyTestData
{
    private static readonly Lazy<string> s_directory = new(FindDirectory);

    public static string Directory => s_directory.Value;

    /// <summary>The storage folder (db/meta.sqlite, db/tables/...). Copy it before opening meta.sqlite: SQLite
    /// creates -wal/-shm files beside a WAL-mode database even when it only reads.</summary>
    public static string Storage => Path.Combine(Directory, "storage");

    public static string SecondaryStorage => Path.Combine(Directory, "storage-secondary");

    public static string MySqlScript => Path.Combine(Directory, "storage.mysql.sql");

    public static string Truth => Path.Combine(Directory, "truth.json");

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "TestData", "milvus-legacy");
            if (File.Exists(Path.Combine(candidate, "truth.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/TestData/milvus-legacy/truth.json not found above " + AppContext.BaseDirectory);
    }
}
