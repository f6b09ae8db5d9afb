using BenchmarkDotNet.Attributes;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Hdf5;

namespace MilvusDm.Benchmarks;

/// <summary>
/// Reads every row (vectors and ids) of a 64 MiB HDF5 file (131,072 × 128 float32 + int64 ids, written by real h5py)
/// through the public plugin contract, as the host does with its default 4 MiB batches: contiguous (positional reads)
/// and gzip-chunked (h5py's own chunk shape; each chunk inflated, then its rows gathered). The file stays in the page
/// cache, so this is the decoder's cost. MB/s = 67.1 MB of vectors / mean seconds.
/// </summary>
[MemoryDiagnoser]
public class Hdf5ReadBenchmarks
{
    private const int Rows = 131_072;
    private const int Dim = 128;

    private string _path = "";

    [Params("contiguous", "gzip")]
    public string Layout { get; set; } = "contiguous";

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchmarkFiles.Hdf5(Layout, Rows, Dim);
    }

    [Benchmark]
    public async Task<long> ReadAllRows()
    {
        var plugin = new Hdf5Plugin();
        var context = new PluginContext(SilentLog.Instance);
        await using IVectorSource source = plugin.TryOpenForInspect(new InspectRequest(_path), context)
            ?? throw new InvalidOperationException($"the HDF5 plugin does not claim {_path}");
        DatasetInfo dataset = (await source.ListDatasetsAsync(CancellationToken.None))[0];
        long rows = 0;
        await foreach (VectorBatch batch in source.ReadAsync(dataset, new ReadOptions { MaxBatchBytes = 4 << 20 }, CancellationToken.None))
        {
            rows += batch.Count;
            batch.Dispose();
        }

        return rows == Rows ? rows : throw new InvalidOperationException($"read {rows} rows, expected {Rows}");
    }
}
