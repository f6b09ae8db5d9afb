using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Pipeline;

/// <summary>Reads a dataset once and digests every row (inspect, verification read-back).</summary>
internal static class SourceDigest
{
    public static async Task<DigestPair> ComputeAsync(IVectorSource source, DatasetInfo dataset, CancellationToken cancellationToken)
    {
        DigestPair total = default;
        var pending = new Queue<Task<DigestPair>>();
        await foreach (VectorBatch batch in source.ReadAsync(dataset, new ReadOptions(), cancellationToken).ConfigureAwait(false))
        {
            // Hash on the thread pool while the next batch is read; a few batches ahead uses every core, bounded memory.
            pending.Enqueue(Task.Run(() =>
            {
                using (batch)
                {
                    return RowDigester.Digest(batch);
                }
            }, CancellationToken.None));
            if (pending.Count >= Environment.ProcessorCount + 1)
            {
                total += await pending.Dequeue().ConfigureAwait(false);
            }
        }

        while (pending.Count > 0)
        {
            total += await pending.Dequeue().ConfigureAwait(false);
        }

        return total;
    }

    /// <summary>Digests every dataset of a source (a destination opened for read-back has one).</summary>
    public static async Task<DigestPair> ComputeAllAsync(IVectorSource source, CancellationToken cancellationToken)
    {
        DigestPair total = default;
        foreach (DatasetInfo dataset in await source.ListDatasetsAsync(cancellationToken).ConfigureAwait(false))
        {
            total += await ComputeAsync(source, dataset, cancellationToken).ConfigureAwait(false);
        }

        return total;
    }
}
