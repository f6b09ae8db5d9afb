using MilvusDm.Plugins.MilvusLegacy.Tests.Infrastructure;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Plugins.MilvusLegacy.Tests.Support;

/// <summary>
/// A private copy of the fixture's storage folder and secondary path (SQLite writes side files even when it only
/// reads, and corruption tests damage files), without any -wal/-shm a previous reader left in the checkout.
/// </summary>
internal sealed class StorageCopy : IDisposable
{
    private readonly TempDirectory _dir = new("milvusdm-legacy");

    public StorageCopy()
    {
        Copy(LegacyTestData.Storage, Storage);
        Copy(LegacyTestData.SecondaryStorage, Secondary);
    }

    public string Root => _dir.Path;

    public string Storage => _dir.Combine("storage");

    public string Secondary => _dir.Combine("storage-secondary");

    public string MetaFile => Path.Combine(Storage, "db", "meta.sqlite");

    /// <summary>A path of truth.json ("storage/db/tables/...") inside this copy.</summary>
    public string Resolve(string truthPath) => _dir.Combine(truthPath.Split('/'));

    /// <summary>The source config of this copy: path and secondary path, plus <paramref name="more"/> YAML lines.</summary>
    public string Yaml(string more = "") => $"path: '{Storage}'\nsecondary_paths: ['{Secondary}']\n{more}";

    private static void Copy(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith("-wal", StringComparison.Ordinal) || file.EndsWith("-shm", StringComparison.Ordinal))
            {
                continue;
            }

            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => _dir.Dispose();
}
