using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Discard;

/// <summary>
/// A sink that counts and discards rows: reads a source end to end (every byte decoded and checked) without
/// writing anywhere, and measures how fast milvusdm itself is, with nothing downstream slowing it.
/// </summary>
public sealed class DiscardPlugin : ISinkPlugin
{
    /// <inheritdoc />
    public PluginManifest Manifest { get; } = new("discard", "1.0.0", "Counts and discards rows: check that a source reads end to end, or measure read speed.")
    {
        SinkConfig = DiscardSinkConfig.Describe(),
    };

    /// <inheritdoc />
    public IVectorSink CreateSink(PluginConfigNode config, PluginContext context)
    {
        DiscardSinkConfig.Bind(config);
        return new DiscardSink();
    }
}
