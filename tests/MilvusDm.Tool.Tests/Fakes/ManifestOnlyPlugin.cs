using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Tests.Fakes;

/// <summary>A plugin that only declares a manifest, for testing how the host maps original job files.</summary>
internal sealed class ManifestOnlyPlugin(PluginManifest manifest) : ISourcePlugin, ISinkPlugin
{
    public PluginManifest Manifest => manifest;

    public IVectorSource CreateSource(PluginConfigNode config, PluginContext context) => throw new NotSupportedException();

    public IVectorSource? TryOpenForInspect(InspectRequest request, PluginContext context) => null;

    public IVectorSink CreateSink(PluginConfigNode config, PluginContext context) => throw new NotSupportedException();
}
