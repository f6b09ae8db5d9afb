namespace MilvusDm.Tool.Jobs;

/// <summary>
/// The original MilvusDM tasks and the plugins that play them. Which keys each plugin takes from the task is
/// declared in the plugin's own manifest; the host only knows this table.
/// </summary>
internal static class OriginalTasks
{
    public static readonly IReadOnlyDictionary<string, (string Source, string Sink)> Plugins =
        new Dictionary<string, (string Source, string Sink)>(StringComparer.Ordinal)
        {
            ["F2M"] = ("faiss", "milvus"),
            ["H2M"] = ("hdf5", "milvus"),
            ["M2M"] = ("milvus-legacy", "milvus"),
            ["M2H"] = ("milvus-legacy", "hdf5"),
        };

    /// <summary>Keys the original files carry for information only (the original never read them).</summary>
    public static readonly IReadOnlyList<string> InformationalKeys = ["milvus_version", "milvus-version"];
}
