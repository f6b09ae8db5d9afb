using System.Diagnostics;
using System.Threading.Channels;
using MilvusDm.Abstractions;
using MilvusDm.Tool.Jobs;
using MilvusDm.Tool.Progress;

namespace MilvusDm.Tool.Pipeline;

/// <summary>
/// Copies one dataset: the source is read on one task into a bounded channel (reading pauses when
/// <see cref="CopyOptions.InFlight"/> batches wait: back-pressure), checks run on the thread pool, and the sink
/// consumes batches in order.
/// </summary>
internal sealed class DatasetCopier
{
    private readonly IVectorSource _source;
    private readonly DatasetInfo _dataset;
    private readonly CopyOptions _options;
    private readonly IDatasetProgress _progress;
    private long _rowsRead;
    private long _rowsHanded;
    private long _rowsDropped;
    private long _bytes;
    private DigestPair _digest;

    public DatasetCopier(IVectorSource source, DatasetInfo dataset, CopyOptions options, IDatasetProgress progress)
    {
        _source = source;
        _dataset = dataset;
        _options = options;
        _progress = progress;
    }

    public long RowsRead => Interlocked.Read(ref _rowsRead);

    public long RowsHanded => Interlocked.Read(ref _rowsHanded);

    public long RowsDropped => Interlocked.Read(ref _rowsDropped);

    public long Bytes => Interlocked.Read(ref _bytes);

    public DigestPair? Digest => _options.ComputeDigest ? _digest : null;

    public async Task CopyAsync(IDatasetWriter writer, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<PendingBatch>(new BoundedChannelOptions(Math.Max(1, _options.InFlight))
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task producer = ProduceAsync(channel.Writer, linked.Token);
        try
        {
            await ConsumeAsync(channel.Reader, writer, linked.Token).ConfigureAwait(false);
        }
        catch
        {
            // Stop the reader promptly; its own exception (if any) is secondary to the one being thrown.
            await linked.CancelAsync().ConfigureAwait(false);
            await DrainAsync(channel.Reader).ConfigureAwait(false);
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (Exception) when (linked.IsCancellationRequested)
            {
            }

            throw;
        }

        await producer.ConfigureAwait(false);
    }

    private async Task ProduceAsync(ChannelWriter<PendingBatch> output, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            bool scanFloats = _dataset.Schema.Vector.Type == VectorType.Float32;
            await foreach (VectorBatch read in _source.ReadAsync(_dataset, _options.Read, cancellationToken).ConfigureAwait(false))
            {
                Interlocked.Add(ref _rowsRead, read.Count);
                VectorBatch batch = _options.Duplicates?.Apply(read) ?? read;
                Task<BatchCheck> check = Task.Run(() => BatchCheck.Run(batch, _options.ComputeDigest, scanFloats), CancellationToken.None);
                await output.WriteAsync(new PendingBatch(batch, check), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception error)
        {
            failure = error;
            throw;
        }
        finally
        {
            output.TryComplete(failure);
        }
    }

    private async Task ConsumeAsync(ChannelReader<PendingBatch> input, IDatasetWriter writer, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await foreach (PendingBatch pending in input.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            VectorBatch batch = pending.Batch;
            long end = batch.Ordinal + batch.Count;
            BatchCheck check = await pending.Check.ConfigureAwait(false);
            if (check.Digest is { } digest)
            {
                _digest += digest;
            }

            if (_options.AssignIdsFrom is { } first && !batch.HasIds)
            {
                long[] ids = new long[batch.Count];
                for (int i = 0; i < ids.Length; i++)
                {
                    ids[i] = first + batch.Ordinal + i;
                }

                batch = batch.WithIds(ids);
            }

            if (check.NonFiniteRows is { Count: > 0 } bad)
            {
                if (_options.NanPolicy == NanPolicy.Error)
                {
                    batch.Dispose();
                    throw new SourceDataException($"{_dataset.Name}: row {batch.Ordinal + bad[0]} holds NaN or infinity, which Milvus rejects (set nan_policy: skip to drop such rows)");
                }

                Interlocked.Add(ref _rowsDropped, bad.Count);
                batch = NanFilter.Without(batch, bad);
            }

            int rows = batch.Count;
            long bytes = batch.VectorBytes;
            _options.BeforeSend?.Invoke(end);
            await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _rowsHanded, rows);
            Interlocked.Add(ref _bytes, bytes);
            _progress.Advance(rows, bytes);
            await ThrottleAsync(clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ThrottleAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        if (_options.MaxRowsPerSecond <= 0)
        {
            return;
        }

        TimeSpan due = TimeSpan.FromSeconds((double)RowsHanded / _options.MaxRowsPerSecond);
        if (due > clock.Elapsed)
        {
            await Task.Delay(due - clock.Elapsed, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task DrainAsync(ChannelReader<PendingBatch> input)
    {
        while (input.TryRead(out PendingBatch? pending))
        {
            try
            {
                await pending.Check.ConfigureAwait(false);
            }
            finally
            {
                pending.Batch.Dispose();
            }
        }
    }
}
