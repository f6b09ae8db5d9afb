namespace MilvusDm.Abstractions;

/// <summary>A plugin that can act as a sink.</summary>
public interface ISinkPlugin : IPlugin
{
    /// <summary>Binds <paramref name="config"/> and creates the sink. Bad config throws <see cref="ConfigException"/>.</summary>
    IVectorSink CreateSink(PluginConfigNode config, PluginContext context);
}
