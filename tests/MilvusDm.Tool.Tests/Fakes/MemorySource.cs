using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Tests.Fakes;

/// <summary>A source over in-memory datasets that records how far it ran ahead of what the sink consumed.</summary>
internal sealed class MemorySource(IReadOnlyList<MemoryDataset> datasets) : IVectorSource
{
    private long _produced;

    /// <summary>Rows handed out so far.</summary>
    public long Produced => Interlocked.Read(ref _produced);

    /// <summary>Called after each batch is produced (tests use it to cancel mid-run).</summary>
    public Action<long>? AfterBatch { get; init; }

    public ValueTask<IReadOnlyList<DatasetInfo>> ListDatasetsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<DatasetInfo>>(datasets.Select(d => d.Info).ToList());

    public async IAsyncEnumerable<VectorBatch> ReadAsync(DatasetInfo dataset, ReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        MemoryDataset data = datasets.Single(d => d.Name == dataset.Name);
        int perBatch = options.RowsPerBatch(data.Dim * sizeof(float));
        for (int start = (int)options.StartRow; start < data.Vectors.Length; start += perBatch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(perBatch, data.Vectors.Length - start);
            float[] block = data.Vectors.Skip(start).Take(count).SelectMany(v => v).ToArray();
            long[]? ids = data.Ids?.Skip(start).Take(count).ToArray();
            Interlocked.Add(ref _produced, count);
            yield return new VectorBatch(start, count, data.Dim * sizeof(float), MemoryMarshal.AsBytes(block.AsSpan()).ToArray(), ids);
            AfterBatch?.Invoke(Produced);
            await Task.Yield();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
