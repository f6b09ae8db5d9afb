using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Tests.Fakes;

/// <summary>Wraps a memory source and sink as plugins named <c>memory</c>, for pipeline tests.</summary>
internal sealed class MemoryPlugin(MemorySource source, MemorySink sink) : ISourcePlugin, ISinkPlugin
{
    public PluginManifest Manifest { get; } = new("memory", "1.0.0", "In-memory test plugin.");

    public IVectorSource CreateSource(PluginConfigNode config, PluginContext context) => source;

    public IVectorSource? TryOpenForInspect(InspectRequest request, PluginContext context) => null;

    public IVectorSink CreateSink(PluginConfigNode config, PluginContext context) => sink;
}
