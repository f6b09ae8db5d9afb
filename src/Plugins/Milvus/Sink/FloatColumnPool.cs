using System.Collections.Concurrent;
using MilvusDm.Plugins.Milvus.Protos.Schema;

namespace MilvusDm.Plugins.Milvus.Sink;

/// <summary>
/// Float vector columns of answered requests, refilled in place for later requests of the same size. A request's
/// floats are megabytes, so a fresh array per request is large-object-heap churn that the GC lets pile up (peak memory
/// grew with the data); most requests of a dataset have the same row count, so their arrays are reused instead.
/// </summary>
internal sealed class FloatColumnPool
{
    /// <summary>Enough for the requests in flight plus the one being built.</summary>
    private const int MaxSpare = 8;

    private readonly ConcurrentBag<FloatArray> _spare = [];

    public FloatArray Fill(ReadOnlySpan<float> values)
    {
        if (_spare.TryTake(out var reused))
        {
            if (reused.Data.Count == values.Length)
            {
                for (int i = 0; i < values.Length; i++)
                {
                    reused.Data[i] = values[i];
                }

                return reused;
            }

            _spare.Add(reused); // another size (the sample of a batch, a last short request): keep it for its peers
        }

        var floats = new FloatArray();
        floats.Data.Capacity = values.Length;
        foreach (float value in values)
        {
            floats.Data.Add(value);
        }

        return floats;
    }

    /// <summary>Takes back the float columns of a request the server answered; nothing may read them afterwards.</summary>
    public void Recycle(IEnumerable<FieldData> columns)
    {
        foreach (var column in columns)
        {
            if (column.Vectors?.FloatVector is { } floats && _spare.Count < MaxSpare)
            {
                _spare.Add(floats);
            }
        }
    }
}
