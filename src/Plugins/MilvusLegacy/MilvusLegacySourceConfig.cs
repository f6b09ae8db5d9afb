using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.MilvusLegacy;

/// <summary>
/// The <c>source:</c> section of a job reading a Milvus 0.10/1.x storage folder (original M2M/M2H:
/// <c>source_milvus_path</c>, <c>mysql_parameter</c>, <c>source_collection</c>).
/// </summary>
[PluginConfig]
public sealed partial class MilvusLegacySourceConfig
{
    [ConfigKey("path", Required = true, Description = "The Milvus storage primary path: the folder that contains db/ (meta.sqlite, tables/).")]
    public string? Path { get; set; }

    [ConfigKey("mysql", Description = "MySQL meta (host, port, user, password, database); absent or null = SQLite db/meta.sqlite.")]
    public MySqlParameters? MySql { get; set; }

    [ConfigKey("collections", Description = "Collection -> list of partition tags (empty or null = all, including _default); '*' = every collection; absent = all.")]
    public Dictionary<string, List<string>?>? Collections { get; set; }

    [ConfigKey("include", Description = "Allow list of 'collection' or 'collection/partition' patterns (* and ? globs).")]
    public List<string>? Include { get; set; }

    [ConfigKey("exclude", Description = "Block list of 'collection' or 'collection/partition' patterns (* and ? globs).")]
    public List<string>? Exclude { get; set; }

    [ConfigKey("secondary_paths", Description = "Milvus storage.secondary_path folders that may hold segment folders (under tables/ or db/tables/); inspect: --secondary-path.")]
    public List<string>? SecondaryPaths { get; set; }
}
