using System.Globalization;
using MilvusDm.Abstractions;
using MilvusDm.Tool.Jobs;
using MilvusDm.Tool.Output;
using MilvusDm.Tool.Pipeline;

namespace MilvusDm.Tool.Duplicates;

/// <summary>
/// The ids of every keyed dataset a job writes to one destination, checked in bounded memory (an external sort of
/// (id, position) pairs spilled to a temporary folder). With <see cref="DuplicateIdPolicy.Error"/> the ids are recorded
/// while the datasets are copied and checked after the last one is read, before it is completed; with
/// <see cref="DuplicateIdPolicy.KeepLast"/> a first pass over the ids finds the rows later rows replace, and the copy
/// drops them.
/// </summary>
internal sealed class DestinationIds : IDisposable
{
    private readonly IReadOnlyList<DatasetPlan> _plans;
    private readonly int _bufferPairs;
    private readonly ExternalPairSorter _ids;
    private ExternalPairSorter? _superseded;
    private IEnumerator<(long Key, long Value)>? _next;
    private bool _hasNext;

    public DestinationIds(string destination, DuplicateIdPolicy policy, IReadOnlyList<DatasetPlan> plans, int bufferPairs = ExternalPairSorter.DefaultBufferPairs)
    {
        Destination = destination;
        Policy = policy;
        _plans = plans;
        _bufferPairs = bufferPairs;
        _ids = new ExternalPairSorter(bufferPairs);
    }

    public string Destination { get; }

    public DuplicateIdPolicy Policy { get; }

    /// <summary>The filter of <paramref name="plan"/>, one of this destination's datasets.</summary>
    public DatasetIdFilter For(DatasetPlan plan) => new(this, IndexOf(plan));

    /// <summary>Whether <paramref name="plan"/> is the last of this destination's datasets (the check runs after it).</summary>
    public bool IsLast(DatasetPlan plan) => ReferenceEquals(_plans[^1], plan);

    public void Record(long id, long position) => _ids.Add(id, position);

    /// <summary>duplicate_ids: error: exit 3 naming the dataset, an example id and its rows, when any id repeats.</summary>
    public void ThrowIfDuplicates()
    {
        if (DuplicateScan.Find(_ids.Sorted()) is not { } found)
        {
            return;
        }

        throw new SourceDataException(string.Create(CultureInfo.InvariantCulture,
            $"{Describe(found.Second)}: duplicate id {found.Id}, already at {Describe(found.First)}; {found.DuplicatedIds} ids appear more than once ({found.ExtraRows} extra rows) among the rows for {Destination}; set duplicate_ids: keep-last to keep the last row of each id"));
    }

    /// <summary>keep-last: reads every id of this destination's datasets once and finds the rows later rows replace.</summary>
    public async Task PrepareAsync(IVectorSource source, int maxBatchBytes, ToolConsole console, CancellationToken cancellationToken)
    {
        if (_superseded is not null)
        {
            return;
        }

        console.Info($"[{Destination}] duplicate_ids: keep-last: reading the ids of {_plans.Count} dataset(s) first");
        for (int index = 0; index < _plans.Count; index++)
        {
            await foreach (VectorBatch batch in source.ReadAsync(_plans[index].Dataset, new ReadOptions { MaxBatchBytes = maxBatchBytes }, cancellationToken).ConfigureAwait(false))
            {
                using (batch)
                {
                    ReadOnlySpan<long> keys = batch.Ids is { } memory ? memory.Span : [];
                    for (int row = 0; row < keys.Length; row++)
                    {
                        _ids.Add(keys[row], RowPosition.Of(index, batch.Ordinal + row));
                    }
                }
            }
        }

        _superseded = new ExternalPairSorter(_bufferPairs);
        (long ids, long rows) = DuplicateScan.Superseded(_ids.Sorted(), _superseded);
        if (rows > 0)
        {
            console.Warn($"{Destination}: {ids:N0} ids appear more than once; duplicate_ids: keep-last drops the {rows:N0} earlier rows");
        }

        _next = _superseded.Sorted().GetEnumerator();
        _hasNext = _next.MoveNext();
    }

    /// <summary>keep-last: the rows in [<paramref name="start"/>, start + count) that later rows replace, or <c>null</c>.</summary>
    public List<int>? SupersededRows(long start, int count)
    {
        List<int>? rows = null;
        while (_hasNext && _next!.Current.Key < start + count)
        {
            long position = _next.Current.Key;
            if (position >= start)
            {
                (rows ??= []).Add((int)(position - start));
            }

            _hasNext = _next.MoveNext();
        }

        return rows;
    }

    private int IndexOf(DatasetPlan plan)
    {
        for (int i = 0; i < _plans.Count; i++)
        {
            if (ReferenceEquals(_plans[i], plan))
            {
                return i;
            }
        }

        throw new ArgumentException($"{plan.Dataset.Name} is not written to {Destination}", nameof(plan));
    }

    private string Describe(long position) =>
        string.Create(CultureInfo.InvariantCulture, $"{_plans[RowPosition.Dataset(position)].Dataset.Name} row {RowPosition.Ordinal(position)}");

    public void Dispose()
    {
        _next?.Dispose();
        _superseded?.Dispose();
        _ids.Dispose();
    }
}
