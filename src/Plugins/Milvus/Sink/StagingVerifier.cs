using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Source;

namespace MilvusDm.Plugins.Milvus.Sink;

/// <summary>
/// <c>verify: digest</c> for mode replace, before the switch: reads the staging collection back through the Milvus
/// source and compares its digest with the digest of the rows this sink was given (by key, or by vectors alone when
/// the destination assigned the keys). A mismatch exits 5 and leaves the name serving the old data.
/// </summary>
internal sealed class StagingVerifier(MilvusEndpoint endpoint, PluginContext context)
{
    public async Task VerifyAsync(ReplaceState state, CancellationToken ct)
    {
        DigestPair stored = default;
        var source = new MilvusSource(endpoint, [state.Staging], perPartition: false, context);
        await using (source.ConfigureAwait(false))
        {
            foreach (var dataset in await source.ListDatasetsAsync(ct).ConfigureAwait(false))
            {
                await foreach (var batch in source.ReadAsync(dataset, new ReadOptions(), ct).ConfigureAwait(false))
                {
                    using (batch)
                    {
                        stored += RowDigester.Digest(batch);
                    }
                }
            }
        }

        var written = state.Written;
        bool byKey = state.AllKeyed;
        var (expected, actual) = byKey ? (written.Digest, stored.Digest) : (written.VectorsDigest, stored.VectorsDigest);
        if (expected != actual || written.Rows != stored.Rows)
        {
            throw new VerificationException(
                $"{endpoint.Display}/{state.Staging}: the staging collection holds {stored.Rows} rows with {(byKey ? "digest" : "vectors_digest")} {actual}, "
                + $"but {written.Rows} rows with {expected} were written; {state.Name} still serves {state.Live.Collection ?? "nothing"} "
                + $"(the staging collection is left for inspection)");
        }

        context.Log.Info($"{endpoint.Display}/{state.Staging}: {stored.Rows} rows, {(byKey ? "digest" : "vectors_digest")} {actual} as written");
    }
}
