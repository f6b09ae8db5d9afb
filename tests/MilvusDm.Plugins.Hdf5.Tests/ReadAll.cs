using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5.Tests;

/// <summary>A source's dataset read end to end: vectors, ids, digests and batch count.</summary>
internal sealed record ReadAll(DatasetInfo Info, byte[] Vectors, long[]? Ids, DigestPair Digests, int Batches)
{
    public static async Task<ReadAll> From(IVectorSource source, ReadOptions? options = null, int dataset = 0)
    {
        IReadOnlyList<DatasetInfo> datasets = await source.ListDatasetsAsync(CancellationToken.None);
        DatasetInfo info = datasets[dataset];
        var vectors = new MemoryStream();
        List<long>? ids = null;
        DigestPair digests = default;
        int batches = 0;
        await foreach (VectorBatch batch in source.ReadAsync(info, options ?? new ReadOptions(), CancellationToken.None))
        {
            using (batch)
            {
                batches++;
                vectors.Write(batch.Vectors.Span);
                if (batch.Ids is { } block)
                {
                    (ids ??= []).AddRange(block.ToArray());
                }

                digests += RowDigester.Digest(batch);
            }
        }

        return new ReadAll(info, vectors.ToArray(), ids?.ToArray(), digests, batches);
    }
}
