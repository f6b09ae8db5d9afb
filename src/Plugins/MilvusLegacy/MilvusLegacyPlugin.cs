using System.Reflection;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.MilvusLegacy;

/// <summary>Reads a Milvus 0.10/1.x storage folder: one dataset per collection partition.</summary>
public sealed class MilvusLegacyPlugin : ISourcePlugin
{
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
        })],
    };

    public IVectorSource CreateSource(PluginConfigNode config, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        MilvusLegacySourceConfig.Bind(config);
        throw new SourceDataException("milvus-legacy: reading is not implemented yet");
    }

    public IVectorSource? TryOpenForInspect(InspectRequest request, PluginContext context) => null;
}
