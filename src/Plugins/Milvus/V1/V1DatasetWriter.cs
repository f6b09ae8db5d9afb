using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Client;
using MilvusDm.Plugins.Milvus.Protos.V1;
using Polly;

namespace MilvusDm.Plugins.Milvus.V1;

/// <summary>
/// Writes one dataset into a 1.x collection: batches cut into Insert requests by serialized size, up to
/// <see cref="V1WriteSettings.InFlight"/> requests at once, retriable failures retried with jittered backoff. 1.x has
/// no upsert, so a keyed request sent again first deletes its ids (DeleteByID, applied before the new insert).
/// </summary>
internal sealed class V1DatasetWriter : IDatasetWriter
{
    private readonly MilvusV1Client _client;
    private readonly V1WriteSettings _settings;
    private readonly SinkTarget _target;
    private readonly Func<long, CancellationToken, Task<SinkDatasetResult>> _complete;
    private readonly SemaphoreSlim _slots;
    private readonly List<Task> _pending = [];
    private readonly ResiliencePipeline _retry;
    private long _rowsWritten;
    private int _ambiguousResends;

    public V1DatasetWriter(MilvusV1Client client, V1WriteSettings settings, SinkTarget target, Func<long, CancellationToken, Task<SinkDatasetResult>> complete)
    {
        _client = client;
        _settings = settings;
        _target = target;
        _complete = complete;
        _slots = new SemaphoreSlim(settings.InFlight);
        _retry = WriteRetries.Create(settings.MaxAttempts, settings.FirstRetryDelay);
    }

    public bool Skipped => false;

    /// <summary>Requests sent again after a failure that may have stored them.</summary>
    public int AmbiguousResends => Volatile.Read(ref _ambiguousResends);

    public async ValueTask WriteAsync(VectorBatch batch, CancellationToken cancellationToken)
    {
        using (batch)
        {
            ThrowIfFailed();
            if (batch.Count == 0)
            {
                return;
            }

            int rowsPerRequest = (int)Math.Clamp(_settings.BatchBytes / V1InsertRequests.BytesPerRow(batch, _settings.Binary), 1, int.MaxValue);
            for (int start = 0; start < batch.Count; start += rowsPerRequest)
            {
                int count = Math.Min(rowsPerRequest, batch.Count - start);
                var request = V1InsertRequests.Build(batch, start, count, _settings);
                var range = new RowRange(batch.Ordinal + start, count);
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                ThrowIfFailed();
                _pending.Add(Task.Run(async () =>
                {
                    try
                    {
                        await SendAsync(request, cancellationToken).ConfigureAwait(false);
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

    private void ThrowIfFailed()
    {
        _pending.FirstOrDefault(t => t.IsFaulted || t.IsCanceled)?.GetAwaiter().GetResult();
        _pending.RemoveAll(t => t.IsCompletedSuccessfully);
    }

    /// <param name="request">The rows.</param>
    /// <param name="cancellationToken">Stops sending.</param>
    /// <param name="mayBeStored">An earlier attempt of these rows failed ambiguously: they may be stored already.</param>
    private async Task SendAsync(InsertParam request, CancellationToken cancellationToken, bool mayBeStored = false)
    {
        int rows = request.RowRecordArray.Count;
        int attempt = 0;
        try
        {
            await _retry.ExecuteAsync(async ct =>
            {
                bool resend = attempt++ > 0;
                if (resend)
                {
                    Interlocked.Increment(ref _ambiguousResends);
                }

                if (_settings.SendIds && (resend || mayBeStored || _settings.DeleteFirst))
                {
                    // Deletes rows an earlier attempt (or interrupted run) may have stored; 1.0/0.10 servers ignore the
                    // tag and delete the ids in every partition.
                    var delete = new DeleteByIDParam { CollectionName = _settings.Collection, PartitionTag = _settings.Tag };
                    delete.IdArray.AddRange(request.RowIdArray);
                    await _client.DeleteByIdAsync(delete, ct).ConfigureAwait(false);
                }

                var ids = await _client.InsertAsync(request, ct).ConfigureAwait(false);
                if (ids.Count != rows)
                {
                    throw new DestinationException($"Milvus acknowledged {ids.Count} of {rows} rows in {_settings.Collection}");
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DestinationException ex) when (MilvusClient.FailureOf(ex)?.Kind == MilvusFailureKind.MessageTooLarge && rows > 1)
        {
            // Only a message-size refusal splits. That attempt stored nothing, but an earlier, ambiguous one may have:
            // then the halves delete their ids first too.
            bool stored = mayBeStored || attempt > 1;
            await SendAsync(V1InsertRequests.Half(request, first: true), cancellationToken, stored).ConfigureAwait(false);
            await SendAsync(V1InsertRequests.Half(request, first: false), cancellationToken, stored).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync()
    {
        _slots.Dispose();
        return ValueTask.CompletedTask;
    }
}
