using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Pipeline;

/// <summary>
/// What the per-batch checks found: rows holding NaN/infinity and, when asked, the digest of the rows as read that can
/// reach the destination. Non-finite rows never do (nan_policy skip drops them, error stops the job), so they are left
/// out of the digest the destination is compared with.
/// </summary>
internal sealed record BatchCheck(DigestPair? Digest, List<int>? NonFiniteRows)
{
    public static BatchCheck Run(VectorBatch batch, bool digest, bool scanFloats)
    {
        List<int>? bad = scanFloats ? NanFilter.FindNonFinite(batch) : null;
        return new(digest ? DigestExcept(batch, bad) : null, bad);
    }

    /// <summary>The digest of every row but <paramref name="skipped"/> (sorted), over slices of the batch: no copy.</summary>
    private static DigestPair DigestExcept(VectorBatch batch, List<int>? skipped)
    {
        if (skipped is null or { Count: 0 })
        {
            return RowDigester.Digest(batch);
        }

        DigestPair total = default;
        int start = 0;
        foreach (int end in skipped.Append(batch.Count))
        {
            if (end > start)
            {
                total += RowDigester.Digest(Slice(batch, start, end - start));
            }

            start = end + 1;
        }

        return total;
    }

    private static VectorBatch Slice(VectorBatch batch, int start, int count) => new(
        batch.Ordinal + start,
        count,
        batch.BytesPerRow,
        batch.Vectors.Slice(start * batch.BytesPerRow, count * batch.BytesPerRow),
        batch.Ids is { } ids ? ids.Slice(start, count) : default,
        batch.StringIds?.Skip(start).Take(count).ToList());
}
