using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Sink;
using MilvusDm.Plugins.Milvus.V1;

namespace MilvusDm.Plugins.Milvus;

/// <summary>
/// The sink the plugin hands out: on first use it asks the server which protocol it speaks and from then on delegates
/// to the 2.x sink or the 1.x one. <c>milvus_version</c> is only compared, never obeyed.
/// </summary>
internal sealed class ProtocolSelectingSink(MilvusSinkConfig config, MilvusEndpoint endpoint, PluginContext context) : IReadableSink
{
    private Task<IReadableSink>? _inner;

    public async ValueTask<SinkPlan> PlanAsync(SinkTarget target, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken).ConfigureAwait(false)).PlanAsync(target, cancellationToken).ConfigureAwait(false);

    public async ValueTask<IDatasetWriter> OpenAsync(SinkTarget target, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken).ConfigureAwait(false)).OpenAsync(target, cancellationToken).ConfigureAwait(false);

    public async ValueTask<IVectorSource?> OpenDestinationAsync(SinkTarget target, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken).ConfigureAwait(false)).OpenDestinationAsync(target, cancellationToken).ConfigureAwait(false);

    private Task<IReadableSink> InnerAsync(CancellationToken ct) => _inner ??= CreateAsync(ct);

    private async Task<IReadableSink> CreateAsync(CancellationToken ct)
    {
        var server = await MilvusServerProbe.DetectAsync(endpoint, ct).ConfigureAwait(false);
        if (server.Protocol == MilvusProtocol.V2)
        {
            return new MilvusSink(config, endpoint, context);
        }

        MilvusServerProbe.WarnIfHintDiffers(endpoint.Display, endpoint.VersionHint, server, context.Log);
        return new V1Sink(config, endpoint, context, server.Version);
    }

    public async ValueTask DisposeAsync()
    {
        if (_inner is { IsCompletedSuccessfully: true } inner)
        {
            await inner.Result.DisposeAsync().ConfigureAwait(false);
        }
    }
}
