using System.Numerics;
using System.Text.Json;

namespace MilvusDm.EndToEnd.Tests.Support;

/// <summary>
/// What <c>milvusdm inspect --json</c> reports for a whole target: rows and the digest-v1 sums over its datasets
/// (the digest of a union of row sets is the mod-2^128 sum of their digests).
/// </summary>
internal sealed record Inventory(long Rows, string Digest, string VectorsDigest, IReadOnlyList<string> Datasets)
{
    public static Inventory Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        var datasets = document.RootElement.GetProperty("datasets").EnumerateArray().ToList();
        return new Inventory(
            datasets.Sum(d => d.GetProperty("rows").GetInt64()),
            Sum(datasets.Select(d => d.GetProperty("digest").GetString()!)),
            Sum(datasets.Select(d => d.GetProperty("vectors_digest").GetString()!)),
            datasets.Select(d => d.GetProperty("name").GetString()!).ToList());
    }

    /// <summary>The mod-2^128 sum of digests printed as 32 hex characters of the little-endian sum.</summary>
    public static string Sum(IEnumerable<string> digests)
    {
        BigInteger modulus = BigInteger.One << 128;
        BigInteger total = BigInteger.Zero;
        foreach (string digest in digests)
        {
            total = (total + new BigInteger(Convert.FromHexString(digest), isUnsigned: true, isBigEndian: false)) % modulus;
        }

        byte[] bytes = new byte[16];
        total.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        return Convert.ToHexStringLower(bytes);
    }
}
