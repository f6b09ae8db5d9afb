using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using MilvusDm.Abstractions;

namespace MilvusDm.Abstractions.Tests;

/// <summary>RowDigester against digest-v1.md's Python reference (Debian numpy through /usr/bin/python3).</summary>
public sealed class DigestReferenceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("digest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, int> Shapes => new()
    {
        { "float32", 1 },
        { "float32", 128 },
        { "binary", 256 },
        { "float16", 17 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Digest_Int64Keys_MatchesPythonReference(string type, int dim)
    {
        // Arrange
        (byte[] vectors, int rowBytes) = RandomVectors(type, dim, rows: 300);
        long[] ids = Enumerable.Range(0, 300).Select(i => (i * 7919L) - 500_000).ToArray();

        // Act: in uneven batches, so the sum over batches is what is tested.
        DigestPair ours = DigestInBatches(vectors, rowBytes, ids, batchRows: 37);
        (string digest, string vectorsDigest, long rows) = Reference(vectors, rowBytes, MemoryMarshal.AsBytes(ids.AsSpan()).ToArray(), "int");

        // Assert
        Assert.Equal((digest, vectorsDigest, rows), (ours.Digest.ToString(), ours.VectorsDigest.ToString(), ours.Rows));
    }

    [Fact]
    public void Digest_NoKeys_UsesOrdinalsLikePythonReference()
    {
        (byte[] vectors, int rowBytes) = RandomVectors("float32", 8, rows: 101);

        DigestPair ours = DigestInBatches(vectors, rowBytes, ids: null, batchRows: 10);
        (string digest, string vectorsDigest, _) = Reference(vectors, rowBytes, null, "none");

        Assert.Equal((digest, vectorsDigest), (ours.Digest.ToString(), ours.VectorsDigest.ToString()));
    }

    [Fact]
    public void Digest_VarCharKeys_MatchesPythonReference()
    {
        (byte[] vectors, int rowBytes) = RandomVectors("float32", 4, rows: 20);
        string[] keys = Enumerable.Range(0, 20).Select(i => i % 3 == 0 ? $"ключ-{i}-✓" : $"key{i}").ToArray();
        var batch = new VectorBatch(0, 20, rowBytes, vectors, stringIds: keys);

        DigestPair ours = RowDigester.Digest(batch);
        (string digest, string vectorsDigest, _) = Reference(vectors, rowBytes, Encoding.UTF8.GetBytes(string.Join('\n', keys)), "varchar");

        Assert.Equal((digest, vectorsDigest), (ours.Digest.ToString(), ours.VectorsDigest.ToString()));
    }

    [Fact]
    public void Digest_Empty_IsAllZeros()
    {
        var batch = new VectorBatch(0, 0, 4, ReadOnlyMemory<byte>.Empty);

        Assert.Equal("00000000000000000000000000000000", RowDigester.Digest(batch).Digest.ToString());
    }

    [Fact]
    public void Digest_DuplicatedRow_CountsTwice()
    {
        (byte[] vectors, int rowBytes) = RandomVectors("float32", 4, rows: 1);
        var once = RowDigester.Digest(new VectorBatch(0, 1, rowBytes, vectors, new long[] { 5 }));
        var twice = RowDigester.Digest(new VectorBatch(0, 2, rowBytes, vectors.Concat(vectors).ToArray(), new long[] { 5, 5 }));

        Assert.Equal(once.Digest + once.Digest, twice.Digest);
        Assert.NotEqual(once.Digest, twice.Digest);
    }

    private static DigestPair DigestInBatches(byte[] vectors, int rowBytes, long[]? ids, int batchRows)
    {
        int rows = vectors.Length / rowBytes;
        DigestPair total = default;
        for (int start = 0; start < rows; start += batchRows)
        {
            int count = Math.Min(batchRows, rows - start);
            var batch = new VectorBatch(start, count, rowBytes, vectors.AsMemory(start * rowBytes, count * rowBytes), ids is null ? default : ids.AsMemory(start, count));
            total += RowDigester.Digest(batch);
        }

        return total;
    }

    private static (byte[] Vectors, int RowBytes) RandomVectors(string type, int dim, int rows)
    {
        var random = new Random(dim * 1000 + rows);
        int rowBytes = type switch
        {
            "binary" => dim / 8,
            "float16" => dim * 2,
            _ => dim * 4,
        };
        byte[] bytes = new byte[rows * rowBytes];
        if (type == "float32")
        {
            Span<float> floats = MemoryMarshal.Cast<byte, float>(bytes.AsSpan());
            for (int i = 0; i < floats.Length; i++)
            {
                floats[i] = (float)((random.NextDouble() * 2) - 1);
            }
        }
        else
        {
            random.NextBytes(bytes);
        }

        return (bytes, rowBytes);
    }

    private (string Digest, string VectorsDigest, long Rows) Reference(byte[] vectors, int rowBytes, byte[]? keys, string kind)
    {
        string vectorsPath = Path.Combine(_dir, "vectors.bin");
        File.WriteAllBytes(vectorsPath, vectors);
        string keysPath = "-";
        if (keys is not null)
        {
            keysPath = Path.Combine(_dir, "keys.bin");
            File.WriteAllBytes(keysPath, keys);
        }

        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "reference_digest.py"), vectorsPath, rowBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), keysPath, kind })
        {
            info.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "reference digest failed: " + error);
        string[] parts = output.Trim().Split(' ');
        return (parts[0], parts[1], long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
    }
}
