using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Pipeline;

/// <summary>The result of comparing one destination with what was copied into it.</summary>
/// <param name="Destination">Destination name.</param>
/// <param name="Expected">Rows before (if kept) plus the rows copied.</param>
/// <param name="Actual">What the destination holds now.</param>
/// <param name="ByVectorsOnly">Compared by <c>vectors_digest</c> (some source had no ids).</param>
internal sealed record DestinationCheck(string Destination, DigestPair Expected, DigestPair Actual, bool ByVectorsOnly)
{
    public bool Passed => Expected.Rows == Actual.Rows && (ByVectorsOnly ? Expected.VectorsDigest == Actual.VectorsDigest : Expected.Digest == Actual.Digest);

    public string Describe()
    {
        string kind = ByVectorsOnly ? "vectors_digest" : "digest";
        ContentDigest expected = ByVectorsOnly ? Expected.VectorsDigest : Expected.Digest;
        ContentDigest actual = ByVectorsOnly ? Actual.VectorsDigest : Actual.Digest;
        return $"{Destination}: expected {Expected.Rows} rows with {kind} {expected}, found {Actual.Rows} rows with {kind} {actual}";
    }
}
