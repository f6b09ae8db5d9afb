using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Tests.Fakes;

/// <summary>A sink keeping every row it receives, with an optional delay per batch and a way to under-report.</summary>
internal sealed class MemorySink : IReadableSink
{
    public ConcurrentDictionary<string, List<(long? Id, float[] Vector)>> Rows { get; } = new();

    public TimeSpan DelayPerBatch { get; init; }

    /// <summary>Rows the sink pretends it lost (to exercise the count check).</summary>
    public long LoseRows { get; init; }

    /// <summary>Observes each write with the rows already consumed before it.</summary>
    public Action<long>? BeforeWrite { get; init; }

    public long Consumed { get; private set; }

    public bool Completed { get; private set; }

    /// <summary>Per dataset: whether it was last opened as the continuation of an interrupted run.</summary>
    public ConcurrentDictionary<string, bool> OpenedResuming { get; } = new();

    public ValueTask<SinkPlan> PlanAsync(SinkTarget target, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new SinkPlan("memory/" + target.Source.Name, ["keep in memory"]));

    public ValueTask<IDatasetWriter> OpenAsync(SinkTarget target, CancellationToken cancellationToken)
    {
        var rows = Rows.GetOrAdd(target.Source.Name, _ => []);
        OpenedResuming[target.Source.Name] = target.Resuming;
        return ValueTask.FromResult<IDatasetWriter>(new Writer(this, target, rows));
    }

    /// <summary>Rows the sink will silently alter after storing them (to exercise the digest check).</summary>
    public bool CorruptOneRow { get; init; }

    public ValueTask<IVectorSource?> OpenDestinationAsync(SinkTarget target, CancellationToken cancellationToken)
    {
        if (!Rows.TryGetValue(target.Source.Name, out var rows))
        {
            return ValueTask.FromResult<IVectorSource?>(null);
        }

        float[][] vectors = rows.Select(r => r.Vector.ToArray()).ToArray();
        if (CorruptOneRow && vectors.Length > 0)
        {
            vectors[^1][0] += 1;
        }

        long[]? ids = rows.All(r => r.Id is not null) ? rows.Select(r => r.Id!.Value).ToArray() : null;
        return ValueTask.FromResult<IVectorSource?>(new MemorySource([new MemoryDataset("stored", vectors, ids)]));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Writer(MemorySink sink, SinkTarget target, List<(long? Id, float[] Vector)> rows) : IDatasetWriter
    {
        private long _written;

        public bool Skipped => false;

        public async ValueTask WriteAsync(VectorBatch batch, CancellationToken cancellationToken)
        {
            using (batch)
            {
                sink.BeforeWrite?.Invoke(sink.Consumed);
                if (sink.DelayPerBatch > TimeSpan.Zero)
                {
                    await Task.Delay(sink.DelayPerBatch, cancellationToken);
                }

                float[] values = MemoryMarshal.Cast<byte, float>(batch.Vectors.Span).ToArray();
                int dim = batch.BytesPerRow / sizeof(float);
                for (int row = 0; row < batch.Count; row++)
                {
                    rows.Add((batch.Ids?.Span[row], values.AsSpan(row * dim, dim).ToArray()));
                }

                sink.Consumed += batch.Count;
                _written += batch.Count;

                // Acknowledged as soon as it is stored: what a real sink reports when the server confirms.
                target.Committed(new RowRange(batch.Ordinal, batch.Count));
            }
        }

        public ValueTask<SinkDatasetResult> CompleteAsync(CancellationToken cancellationToken)
        {
            sink.Completed = true;
            return ValueTask.FromResult(new SinkDatasetResult("memory/" + target.Source.Name, _written - sink.LoseRows, Skipped: false));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
