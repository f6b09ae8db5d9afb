using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Client;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using MilvusDm.Plugins.Milvus.Protos.Schema;
using Polly;

namespace MilvusDm.Plugins.Milvus.Sink;

/// <summary>
/// Writes one dataset: batches are cut into requests by serialized size, up to <see cref="WriteSettings.InFlight"/>
/// requests run while the source keeps reading, retriable failures back off with jitter (Polly), oversized requests
/// are split, and a keyed request sent again after a failure goes as Upsert so no row is stored twice.
/// </summary>
internal sealed class MilvusDatasetWriter : IDatasetWriter
{
    private readonly MilvusClient _client;
    private readonly WriteSettings _settings;
    private readonly ColumnWriter _columns;
    private readonly SinkTarget _target;
    private readonly Func<long, CancellationToken, Task<SinkDatasetResult>> _complete;
    private readonly SemaphoreSlim _slots;
    private readonly List<Task> _pending = [];
    private readonly ResiliencePipeline _retry;
    private readonly Action<VectorBatch>? _observe;
    private long _rowsWritten;
    private int _ambiguousResends;

    /// <param name="observe">Sees every batch before it is sent (mode replace digests the staged rows with it).</param>
    public MilvusDatasetWriter(MilvusClient client, WriteSettings settings, ColumnWriter columns, SinkTarget target,
        Func<long, CancellationToken, Task<SinkDatasetResult>> complete, Action<VectorBatch>? observe = null)
    {
        _observe = observe;
        _client = client;
        _settings = settings;
        _columns = columns;
        _target = target;
        _complete = complete;
        _slots = new SemaphoreSlim(Math.Max(1, settings.InFlight));
        _retry = WriteRetries.Create(settings.MaxAttempts, settings.FirstRetryDelay);
    }

    public bool Skipped => false;

    /// <summary>Requests sent again after a failure that may have stored them (keyed ones as Upsert).</summary>
    public int AmbiguousResends => Volatile.Read(ref _ambiguousResends);

    public async ValueTask WriteAsync(VectorBatch batch, CancellationToken cancellationToken)
    {
        using (batch)
        {
            ThrowIfFailed();
            _observe?.Invoke(batch);
            int rowsPerRequest = RowsPerRequest(batch);
            for (int start = 0; start < batch.Count; start += rowsPerRequest)
            {
                int count = Math.Min(rowsPerRequest, batch.Count - start);
                var columns = _columns.Columns(batch, start, count);
                var range = new RowRange(batch.Ordinal + start, count);
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                ThrowIfFailed();
                _pending.Add(Task.Run(async () =>
                {
                    try
                    {
                        await SendAsync(columns, count, cancellationToken).ConfigureAwait(false);
                        _columns.Recycle(columns);
                        Interlocked.Add(ref _rowsWritten, count);
                        _target.Committed(range);
                    }
                    finally
                    {
                        _slots.Release();
                    }
                }, cancellationToken));
            }
        }
    }

    public async ValueTask<SinkDatasetResult> CompleteAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_pending).ConfigureAwait(false);
        return await _complete(Interlocked.Read(ref _rowsWritten), cancellationToken).ConfigureAwait(false);
    }

    private int RowsPerRequest(VectorBatch batch)
    {
        // Estimate from the first rows' real serialized size, then leave headroom for protobuf framing.
        int sample = Math.Min(batch.Count, 64);
        long sampleBytes = sample == 0 ? 1 : _columns.Columns(batch, 0, sample).Sum(c => (long)c.CalculateSize());
        long perRow = Math.Max(1, (sampleBytes + sample - 1) / Math.Max(1, sample));
        return (int)Math.Clamp(_settings.BatchBytes / perRow, 1, int.MaxValue);
    }

    private void ThrowIfFailed()
    {
        var failed = _pending.FirstOrDefault(t => t.IsFaulted || t.IsCanceled);
        if (failed is not null)
        {
            failed.GetAwaiter().GetResult();
        }

        _pending.RemoveAll(t => t.IsCompletedSuccessfully);
    }

    /// <param name="columns">The request's columns.</param>
    /// <param name="rows">Rows in the request.</param>
    /// <param name="cancellationToken">Stops sending.</param>
    /// <param name="mayBeStored">An earlier attempt of these rows failed ambiguously: they may be stored already.</param>
    private async Task SendAsync(List<FieldData> columns, int rows, CancellationToken cancellationToken, bool mayBeStored = false)
    {
        int attempt = 0;
        try
        {
            await _retry.ExecuteAsync(async ct =>
            {
                // A keyed re-send must not duplicate rows an earlier, failed attempt may have stored.
                bool upsert = _settings.SendKeys && (_settings.AlwaysUpsert || mayBeStored || attempt > 0);
                if (attempt++ > 0)
                {
                    Interlocked.Increment(ref _ambiguousResends);
                }

                await SendOnceAsync(columns, rows, upsert, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DestinationException ex) when (MilvusClient.FailureOf(ex)?.Kind == MilvusFailureKind.MessageTooLarge && rows > 1)
        {
            // Only a message-size refusal splits. That attempt wrote nothing, but an earlier, ambiguous attempt of the same
            // rows may have stored them: then the halves must go as upserts too, or a keyed row could be stored twice.
            int half = rows / 2;
            bool stored = mayBeStored || attempt > 1;
            await SendAsync(Slice(columns, 0, half), half, cancellationToken, stored).ConfigureAwait(false);
            await SendAsync(Slice(columns, half, rows - half), rows - half, cancellationToken, stored).ConfigureAwait(false);
        }
    }

    private async Task SendOnceAsync(List<FieldData> columns, int rows, bool upsert, CancellationToken ct)
    {
        string partition = _settings.Partition ?? "";
        MutationResult result;
        if (upsert)
        {
            var request = new UpsertRequest { CollectionName = _settings.Collection, PartitionName = partition, NumRows = (uint)rows };
            request.FieldsData.AddRange(columns);
            result = await _client.UpsertAsync(request, ct).ConfigureAwait(false);
        }
        else
        {
            var request = new InsertRequest { CollectionName = _settings.Collection, PartitionName = partition, NumRows = (uint)rows };
            request.FieldsData.AddRange(columns);
            result = await _client.InsertAsync(request, ct).ConfigureAwait(false);
        }

        long acknowledged = upsert ? result.UpsertCnt : result.InsertCnt;
        if (acknowledged != rows && result.SuccIndex.Count != rows)
        {
            throw new DestinationException(
                $"Milvus acknowledged {acknowledged} of {rows} rows in {_settings.Collection} ({result.ErrIndex.Count} refused)");
        }
    }

    private static List<FieldData> Slice(List<FieldData> columns, int start, int count) =>
        columns.Select(c => ColumnSlicer.Slice(c, start, count)).ToList();

    public ValueTask DisposeAsync()
    {
        _slots.Dispose();
        return ValueTask.CompletedTask;
    }
}
