using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Milvus;

/// <summary>Milvus 2.3+ and 0.10/1.x servers as destination (sink) and as source, over the plugin's own gRPC transport.</summary>
public sealed class MilvusPlugin : ISinkPlugin, ISourcePlugin
{
    private static readonly string[] OriginalSinkTasks = ["F2M", "H2M", "M2M"];

    public PluginManifest Manifest { get; } = new("milvus", "1.0.0", "Milvus 2.3+ and 0.10/1.x servers (protocol detected): write collections (sink) and read them back (source).")
    {
        SinkConfig = MilvusSinkConfig.Describe(),
        SourceConfig = MilvusSourceConfig.Describe(),
        OriginalKeys = OriginalSinkTasks.SelectMany(task => new[]
        {
            new OriginalKeyMapping(task, PluginRole.Sink, "dest_host", "host"),
            new OriginalKeyMapping(task, PluginRole.Sink, "dest_port", "port"),
            new OriginalKeyMapping(task, PluginRole.Sink, "mode", "mode"),
            new OriginalKeyMapping(task, PluginRole.Sink, "dest_collection_name", "collection"),
            new OriginalKeyMapping(task, PluginRole.Sink, "dest_partition_name", "partition"),
            new OriginalKeyMapping(task, PluginRole.Sink, "collection_parameter", "collection_parameter"),
            new OriginalKeyMapping(task, PluginRole.Sink, "milvus_version", "milvus_version"),
        }).ToList(),
    };

    public IVectorSink CreateSink(PluginConfigNode config, PluginContext context)
    {
        var bound = MilvusSinkConfig.Bind(config);
        var endpoint = MilvusEndpoint.Resolve(bound.Uri, bound.Host, bound.Port, bound.Token, bound.User, bound.Password, bound.DbName, context) with
        {
            CaFile = bound.CaFile is null ? null : context.ResolvePath(bound.CaFile),
            SkipTlsVerify = bound.SkipTlsVerify,
            Timeout = TimeSpan.FromSeconds(Math.Max(1, bound.TimeoutSeconds)),
            VersionHint = bound.MilvusVersion,
        };
        return new ProtocolSelectingSink(bound, endpoint, context);
    }

    public IVectorSource CreateSource(PluginConfigNode config, PluginContext context)
    {
        var bound = MilvusSourceConfig.Bind(config);
        var endpoint = MilvusEndpoint.Resolve(bound.Uri, bound.Host, bound.Port, bound.Token, bound.User, bound.Password, bound.DbName, context) with
        {
            CaFile = bound.CaFile is null ? null : context.ResolvePath(bound.CaFile),
            SkipTlsVerify = bound.SkipTlsVerify,
            Timeout = TimeSpan.FromSeconds(Math.Max(1, bound.TimeoutSeconds)),
        };
        return new ProtocolSelectingSource(endpoint, bound.Collections ?? [], bound.PerPartition, context);
    }

    public IVectorSource? TryOpenForInspect(InspectRequest request, PluginContext context)
    {
        if (!request.Target.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            && !request.Target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var endpoint = MilvusEndpoint.Resolve(request.Target, null, null, null, null, null, request.DbName, context);
        return new ProtocolSelectingSource(endpoint, request.Collections, perPartition: true, context);
    }
}
