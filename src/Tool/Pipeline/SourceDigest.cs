using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Pipeline;

/// <summary>Reads a dataset once and digests every row (inspect, verification read-back).</summary>
internal static class SourceDigest
{
    /// <param name="source">The source.</param>
    /// <param name="dataset">The dataset to digest.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <param name="duplicates">duplicate_ids: keep-last: drops the rows the copy dropped, so the digest is of what was sent.</param>
    public static async Task<DigestPair> ComputeAsync(IVectorSource source, DatasetInfo dataset, CancellationToken cancellationToken, Duplicates.DatasetIdFilter? duplicates = null)
    {
        DigestPair total = default;
        var pending = new Queue<Task<DigestPair>>();
        await foreach (VectorBatch read in source.ReadAsync(dataset, new ReadOptions(), cancellationToken).ConfigureAwait(false))
        {
            VectorBatch batch = duplicates?.Apply(read) ?? read;
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
