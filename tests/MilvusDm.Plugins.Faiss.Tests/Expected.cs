namespace MilvusDm.Plugins.Faiss.Tests;

/// <summary>One entry of expected.json.</summary>
internal sealed record Expected(
    string Name,
    string File,
    string Fourcc,
    bool Supported,
    int Dim,
    long Rows,
    string? VectorType,
    string? Metric,
    bool HasIds,
    long[]? Ids,
    byte[] Vectors,
    string? Digest,
    string? VectorsDigest,
    string? Reason)
{
    /// <summary>For decodable lossy fixtures: the rows Faiss reconstructs.</summary>
    public Expected? Decoded { get; init; }
}
