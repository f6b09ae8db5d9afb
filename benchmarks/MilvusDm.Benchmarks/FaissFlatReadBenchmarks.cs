using BenchmarkDotNet.Attributes;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Faiss;

namespace MilvusDm.Benchmarks;

/// <summary>
/// Reads every row of a 64 MiB IndexFlatL2 (131,072 × 128 float32, written by real Faiss) through the public plugin
/// contract, exactly as the host does, at several batch sizes. The file stays in the page cache between iterations,
/// so this measures the reader's own cost (positional reads into pooled batches), not the disk.
/// </summary>
[MemoryDiagnoser]
public class FaissFlatReadBenchmarks
{
    private const int Rows = 131_072;
    private const int Dim = 128;

    private string _path = "";

    [Params(1 << 20, 4 << 20, 16 << 20)]
    public int MaxBatchBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchmarkFiles.FaissFlat(Rows, Dim);
    }

    /// <summary>Opens the file (structure parse) and streams all rows; returns the row count so nothing is elided.</summary>
    [Benchmark]
    public async Task<long> ReadAllRows()
    {
        var plugin = new FaissPlugin();
        var context = new PluginContext(SilentLog.Instance);
        await using IVectorSource source = plugin.TryOpenForInspect(new InspectRequest(_path), context)
            ?? throw new InvalidOperationException($"the Faiss plugin does not claim {_path}");
        DatasetInfo dataset = (await source.ListDatasetsAsync(CancellationToken.None))[0];
        long rows = 0;
        await foreach (VectorBatch batch in source.ReadAsync(dataset, new ReadOptions { MaxBatchBytes = MaxBatchBytes }, CancellationToken.None))
        {
            rows += batch.Count;
            batch.Dispose();
        }

        return rows == Rows ? rows : throw new InvalidOperationException($"read {rows} rows, expected {Rows}");
    }
}
