using BenchmarkDotNet.Attributes;
using MilvusDm.Abstractions;

namespace MilvusDm.Benchmarks;

/// <summary>
/// Digest v1 of one batch of the host's default size (4 MiB of float32 vectors): 8,192 rows at dim 128, 1,365 rows
/// at dim 768; with int64 keys, or without (the key is then the row's ordinal). Two SHA-256 per row.
/// </summary>
[MemoryDiagnoser]
public class RowDigestBenchmarks
{
    private const int BatchBytes = 4 * 1024 * 1024;

    private VectorBatch _batch = null!;

    [Params(128, 768)]
    public int Dim { get; set; }

    [Params(true, false)]
    public bool WithIds { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int bytesPerRow = Dim * sizeof(float);
        int rows = BatchBytes / bytesPerRow;
        var random = new Random(7);
        var vectors = new byte[rows * bytesPerRow];
        random.NextBytes(vectors);
        long[] ids = WithIds ? [.. Enumerable.Range(0, rows).Select(i => (long)i * 3 + 1)] : [];
        _batch = new VectorBatch(0, rows, bytesPerRow, vectors, ids);
    }

    [Benchmark]
    public DigestPair DigestBatch() => RowDigester.Digest(_batch);
}
