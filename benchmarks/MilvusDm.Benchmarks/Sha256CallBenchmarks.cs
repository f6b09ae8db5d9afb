using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace MilvusDm.Benchmarks;

/// <summary>
/// Where digest v1's time goes: one SHA-256 of a row-sized input (8-byte key + a dim-128 float32 vector = 520 bytes,
/// or a dim-768 one = 3,080 bytes), through the one-shot <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>
/// that <c>RowDigester</c> calls twice per row, versus an <see cref="IncrementalHash"/> kept and reused. The gap is
/// the per-call cost of the platform crypto library (OpenSSL on Linux), paid twice per row.
/// </summary>
[MemoryDiagnoser]
public class Sha256CallBenchmarks
{
    private readonly byte[] _hash = new byte[32];
    private byte[] _input = [];
    private IncrementalHash _reused = null!;

    [Params(520, 3080)]
    public int InputBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _input = new byte[InputBytes];
        new Random(7).NextBytes(_input);
        _reused = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    }

    [GlobalCleanup]
    public void Cleanup() => _reused.Dispose();

    [Benchmark(Baseline = true)]
    public int OneShot() => SHA256.HashData(_input, _hash);

    [Benchmark]
    public int ReusedIncremental()
    {
        _reused.AppendData(_input);
        return _reused.GetHashAndReset(_hash);
    }
}
