using System.Numerics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace MilvusDm.Benchmarks;

/// <summary>
/// The NaN/infinity scan the `run` pipeline makes on every float32 batch (the largest single item in a profile of
/// `milvusdm run` faiss → discard). <see cref="PerValue"/> is a copy of the loop in src/Tool/Pipeline/NanFilter.cs
/// (the Tool's internals are not visible here); <see cref="WholeBatchVector"/> is a what-if: one SIMD pass over the
/// whole batch testing the exponent bits, falling back to the per-row search only when something is non-finite.
/// Both run on one clean 4 MiB batch (the host's default batch size), which is the common case.
/// </summary>
[MemoryDiagnoser]
public class NonFiniteScanBenchmarks
{
    private const int BatchBytes = 4 * 1024 * 1024;

    private float[] _values = [];

    [Params(128, 768)]
    public int Dim { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _values = new float[BatchBytes / sizeof(float)];
        for (int i = 0; i < _values.Length; i++)
        {
            _values[i] = (float)((random.NextDouble() * 2) - 1);
        }
    }

    [Benchmark(Baseline = true)]
    public List<int>? PerValue()
    {
        ReadOnlySpan<float> values = _values;
        int rows = values.Length / Dim;
        List<int>? bad = null;
        for (int row = 0; row < rows; row++)
        {
            foreach (float value in values.Slice(row * Dim, Dim))
            {
                if (!float.IsFinite(value))
                {
                    (bad ??= []).Add(row);
                    break;
                }
            }
        }

        return bad;
    }

    [Benchmark]
    public bool WholeBatchVector()
    {
        // A float is NaN or infinite exactly when all 8 exponent bits are set.
        ReadOnlySpan<uint> bits = MemoryMarshal.Cast<float, uint>(_values);
        var exponent = new Vector<uint>(0x7F80_0000u);
        var any = Vector<uint>.Zero;
        int i = 0;
        for (; i <= bits.Length - Vector<uint>.Count; i += Vector<uint>.Count)
        {
            any |= Vector.Equals(new Vector<uint>(bits[i..]) & exponent, exponent);
        }

        bool found = any != Vector<uint>.Zero;
        for (; i < bits.Length; i++)
        {
            found |= (bits[i] & 0x7F80_0000u) == 0x7F80_0000u;
        }

        return found;
    }
}
