using MilvusDm.Abstractions;
using MilvusDm.Tool.Pipeline;

namespace MilvusDm.Tool.Duplicates;

/// <summary>
/// Applied to each batch of one keyed dataset as it is read: records its ids (duplicate_ids: error) or drops the rows
/// a later row with the same id replaces (keep-last). Called in batch order from the reading task only.
/// </summary>
internal sealed class DatasetIdFilter
{
    private readonly DestinationIds _destination;
    private readonly int _index;
    private long _dropped;

    public DatasetIdFilter(DestinationIds destination, int index)
    {
        _destination = destination;
        _index = index;
    }

    /// <summary>Rows dropped because a later row has their id (keep-last).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public VectorBatch Apply(VectorBatch batch)
    {
        if (batch.Ids is not { } ids)
        {
            return batch;
        }

        if (_destination.Policy == Jobs.DuplicateIdPolicy.Error)
        {
            ReadOnlySpan<long> span = ids.Span;
            for (int row = 0; row < span.Length; row++)
            {
                _destination.Record(span[row], RowPosition.Of(_index, batch.Ordinal + row));
            }

            return batch;
        }

        List<int>? superseded = _destination.SupersededRows(RowPosition.Of(_index, batch.Ordinal), batch.Count);
        if (superseded is null)
        {
            return batch;
        }

        Interlocked.Add(ref _dropped, superseded.Count);
        return NanFilter.Without(batch, superseded);
    }
}
