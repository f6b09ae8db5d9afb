using System.Reflection;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.MilvusLegacy.Meta;
using YamlDotNet.RepresentationModel;

namespace MilvusDm.Plugins.MilvusLegacy;

/// <summary>Reads a Milvus 0.10/1.x storage folder: one dataset per collection partition.</summary>
public sealed class MilvusLegacyPlugin : ISourcePlugin
{
    /// <summary><c>inspect --secondary-path DIR</c> (repeatable; the host joins the values with the path-list separator).</summary>
    public const string SecondaryPathOption = "secondary-path";

    private static readonly string[] OriginalTasks = ["M2M", "M2H"];

    public PluginManifest Manifest { get; } = new(
        "milvus-legacy",
        typeof(MilvusLegacyPlugin).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0",
        "Reads a Milvus 0.10/1.x storage folder (raw segment files, SQLite or MySQL meta) without a 1.x server.")
    {
        SourceConfig = MilvusLegacySourceConfig.Describe(),
        OriginalKeys = [.. OriginalTasks.SelectMany(task => new[]
        {
            new OriginalKeyMapping(task, PluginRole.Source, "source_milvus_path", "path"),
            new OriginalKeyMapping(task, PluginRole.Source, "mysql_parameter", "mysql"),
            new OriginalKeyMapping(task, PluginRole.Source, "source_collection", "collections"),

            // Not an original key: lets an original file reach segments on Milvus's secondary paths.
            new OriginalKeyMapping(task, PluginRole.Source, "secondary_paths", "secondary_paths"),
        })],
    };

    public IVectorSource CreateSource(PluginConfigNode config, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        MilvusLegacySourceConfig bound = MilvusLegacySourceConfig.Bind(config with { Mapping = WithEveryCollectionAsMap(config.Mapping) });
        string path = context.ResolvePath(bound.Path!);
        if (bound.MySql is { } mysql && string.IsNullOrEmpty(mysql.Password) && context.GetEnvironmentVariable("MYSQL_PASSWORD") is { Length: > 0 } password)
        {
            context.RegisterSecret(password);
            mysql.Password = password;
        }

        return new MilvusLegacySource(
            path,
            [.. (bound.SecondaryPaths ?? []).Select(context.ResolvePath)],
            OpenMeta(path, bound.MySql),
            new DatasetSelection(bound.Collections, bound.Include ?? [], bound.Exclude ?? []),
            context.Log);
    }

    /// <summary>
    /// Claims a folder holding <c>db/meta.sqlite</c> (the storage path, or its <c>db/</c> folder itself), or with
    /// <c>--mysql</c> a folder holding <c>db/tables/</c>.
    /// </summary>
    public IVectorSource? TryOpenForInspect(InspectRequest request, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.Target.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }

        string path = context.ResolvePath(request.Target);
        if (Path.GetFileName(Path.TrimEndingDirectorySeparator(path)) == "db" && Directory.Exists(Path.Combine(path, "tables")))
        {
            path = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(path))!;
        }

        bool claimed = request.MySql is null
            ? File.Exists(Path.Combine(path, SqliteMetaStore.RelativePath))
            : Directory.Exists(Path.Combine(path, "db", "tables"));
        if (!claimed)
        {
            return null;
        }

        MySqlParameters? mysql = request.MySql is null ? null : MySqlUri.Parse(request.MySql, context);
        Dictionary<string, List<string>?>? collections = request.Collections.Count == 0 ? null : request.Collections.Distinct().ToDictionary(c => c, _ => (List<string>?)null);
        string[] secondary = request.Extra.TryGetValue(SecondaryPathOption, out string? joined)
            ? [.. joined.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(context.ResolvePath)]
            : [];
        return new MilvusLegacySource(path, secondary, OpenMeta(path, mysql), new DatasetSelection(collections, [], []), context.Log);
    }

    private static IMetaStore OpenMeta(string path, MySqlParameters? mysql) => mysql is null
        ? new SqliteMetaStore(path)
        : new MySqlMetaStore(mysql.Host!, mysql.Port, mysql.User!, mysql.Password, mysql.Database!);

    /// <summary><c>collections: '*'</c> (a plain value, as the original's README wished for) means the map <c>{'*': null}</c>.</summary>
    private static YamlMappingNode WithEveryCollectionAsMap(YamlMappingNode mapping)
    {
        var key = new YamlScalarNode("collections");
        if (!mapping.Children.TryGetValue(key, out YamlNode? value) || value is not YamlScalarNode { Value: DatasetSelection.Every })
        {
            return mapping;
        }

        var copy = new YamlMappingNode(mapping.Children);
        copy.Children[key] = new YamlMappingNode(new YamlScalarNode(DatasetSelection.Every), new YamlScalarNode("~"));
        return copy;
    }
}
