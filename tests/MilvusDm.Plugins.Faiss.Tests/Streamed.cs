using MilvusDm.Abstractions;
using MilvusDm.Plugins.Faiss.Format;

namespace MilvusDm.Plugins.Faiss.Tests;

/// <summary>Everything a plan streams, concatenated, with the digest summed over batches as the host does.</summary>
internal sealed record Streamed(byte[] Vectors, long[]? Ids, DigestPair Digest, int Batches, RowPlan Plan)
{
    public static Streamed Read(string path, ReadOptions? options = null)
    {
        RowPlan plan = RowPlanner.Plan(path);
        return Read(plan, options ?? new ReadOptions());
    }

    public static Streamed Read(RowPlan plan, ReadOptions options)
    {
        var vectors = new MemoryStream();
        List<long>? ids = plan.HasIds ? [] : null;
        DigestPair digest = default;
        int batches = 0;
        long expectedOrdinal = options.StartRow;
        using var streamer = new RowStreamer(plan);
        foreach (VectorBatch batch in streamer.Read(options, CancellationToken.None))
        {
            using (batch)
            {
                Assert.Equal(expectedOrdinal, batch.Ordinal);
                Assert.True(batch.Count >= 1);
                Assert.True(batch.VectorBytes <= Math.Max(options.MaxBatchBytes, batch.BytesPerRow));
                expectedOrdinal += batch.Count;
                vectors.Write(batch.Vectors.Span);
                if (ids is not null)
                {
                    ids.AddRange(batch.Ids!.Value.ToArray());
                }
                else
                {
                    Assert.Null(batch.Ids);
                }

                digest += RowDigester.Digest(batch);
                batches++;
            }
        }

        return new Streamed(vectors.ToArray(), ids?.ToArray(), digest, batches, plan);
    }
}
