namespace MilvusDm.Abstractions;

/// <summary>Both digests of a row set: with ids (<see cref="Digest"/>) and of the vectors alone.</summary>
/// <param name="Digest">Digest over id and vector bytes.</param>
/// <param name="VectorsDigest">Digest over vector bytes only.</param>
/// <param name="Rows">Rows covered.</param>
public readonly record struct DigestPair(ContentDigest Digest, ContentDigest VectorsDigest, long Rows)
{
    /// <summary>The union of two row sets.</summary>
    public static DigestPair operator +(DigestPair left, DigestPair right) =>
        new(left.Digest + right.Digest, left.VectorsDigest + right.VectorsDigest, left.Rows + right.Rows);

    /// <summary>The union, for languages without operators.</summary>
    public static DigestPair Add(DigestPair left, DigestPair right) => left + right;
}
