using System.Runtime.CompilerServices;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Source;
using MilvusDm.Plugins.Milvus.V1;

namespace MilvusDm.Plugins.Milvus;

/// <summary>
/// The source the plugin hands out (jobs and inspect): on first use it asks the server which protocol it speaks and
/// from then on delegates to the 2.x source or the 1.x one; datasets say which in their <c>protocol</c> property.
/// </summary>
internal sealed class ProtocolSelectingSource(MilvusEndpoint endpoint, IReadOnlyList<string> selection, bool perPartition, PluginContext context)
    : IVectorSource
{
    private Task<IVectorSource>? _inner;

    public async ValueTask<IReadOnlyList<DatasetInfo>> ListDatasetsAsync(CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken).ConfigureAwait(false)).ListDatasetsAsync(cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<VectorBatch> ReadAsync(DatasetInfo dataset, ReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var inner = await InnerAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var batch in inner.ReadAsync(dataset, options, cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }
    }

    private Task<IVectorSource> InnerAsync(CancellationToken ct) => _inner ??= CreateAsync(ct);

    private async Task<IVectorSource> CreateAsync(CancellationToken ct)
    {
        var server = await MilvusServerProbe.DetectAsync(endpoint, ct).ConfigureAwait(false);
        return server.Protocol == MilvusProtocol.V2
            ? new MilvusSource(endpoint, selection, perPartition, context)
            : new V1Source(endpoint, selection, perPartition, context, server.Version);
    }

    public async ValueTask DisposeAsync()
    {
        if (_inner is { IsCompletedSuccessfully: true } inner)
        {
            await inner.Result.DisposeAsync().ConfigureAwait(false);
        }
    }
}
