namespace MilvusDm.Plugins.MilvusLegacy;

/// <summary>
/// Milvus 1.x logs inserts and deletes in <c>&lt;path&gt;/wal/</c> before it flushes them into segments. Rows
/// still there exist only in the log, which this reader (like every other) cannot decode.
/// </summary>
internal static class WalCheck
{
    public static void Warn(string storagePath, Action<string> warn)
    {
        string wal = Path.Combine(storagePath, "wal");
        if (!Directory.Exists(wal))
        {
            return;
        }

        FileInfo[] files = [.. new DirectoryInfo(wal).EnumerateFiles("*", SearchOption.AllDirectories).Where(f => f.Length > 0)];
        if (files.Length > 0)
        {
            warn($"{wal}: holds {files.Length} write-ahead log file(s) ({files.Sum(f => f.Length)} bytes); rows Milvus had not flushed into segments cannot be read "
                + "(flush, or stop the 1.x server cleanly, before migrating)");
        }
    }
}
