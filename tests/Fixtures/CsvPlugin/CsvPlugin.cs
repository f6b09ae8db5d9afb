using MilvusDm.Abstractions;

namespace CsvPlugin;

/// <summary>The plugin entry point: the host finds it by its interfaces and creates it with this constructor.</summary>
public sealed class CsvPlugin : ISourcePlugin, ISinkPlugin
{
    public PluginManifest Manifest { get; } = new("csv", "1.0.0", "Reads and writes 'id,v1,v2,...' CSV files.")
    {
        SourceConfig = CsvSourceConfig.Describe(),
        SinkConfig = CsvSinkConfig.Describe(),
    };

    public IVectorSource CreateSource(PluginConfigNode config, PluginContext context)
    {
        CsvSourceConfig bound = CsvSourceConfig.Bind(config);
        return new CsvSource(context.ResolvePath(bound.Path!), bound.HasIds, bound.Metric);
    }

    public IVectorSource? TryOpenForInspect(InspectRequest request, PluginContext context) =>
        request.Target.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && File.Exists(request.Target)
            ? new CsvSource(Path.GetFullPath(request.Target), hasIds: true, metric: "L2")
            : null;

    public IVectorSink CreateSink(PluginConfigNode config, PluginContext context)
    {
        CsvSinkConfig bound = CsvSinkConfig.Bind(config);
        return new CsvSink(context.ResolvePath(bound.Dir!), bound.Collection, bound.Mode);
    }
}
