namespace MilvusDm.Abstractions;

/// <summary>A plugin that can act as a source.</summary>
public interface ISourcePlugin : IPlugin
{
    /// <summary>Binds <paramref name="config"/> and creates the source. Bad config throws <see cref="ConfigException"/>.</summary>
    IVectorSource CreateSource(PluginConfigNode config, PluginContext context);

    /// <summary>
    /// Whether <c>milvusdm inspect TARGET</c> should be handled by this plugin, and with which source.
    /// Returns <c>null</c> when the target is not this plugin's format.
    /// </summary>
    IVectorSource? TryOpenForInspect(InspectRequest request, PluginContext context);
}
