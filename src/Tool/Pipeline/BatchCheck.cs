using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Pipeline;

/// <summary>What the per-batch checks found: the digest of the rows as read (when asked) and rows holding NaN/infinity.</summary>
internal sealed record BatchCheck(DigestPair? Digest, List<int>? NonFiniteRows)
{
    public static BatchCheck Run(VectorBatch batch, bool digest, bool scanFloats) =>
        new(digest ? RowDigester.Digest(batch) : null, scanFloats ? NanFilter.FindNonFinite(batch) : null);
}
