using MilvusDm.Abstractions;

namespace MilvusDm.Tool.State;

/// <summary>
/// Row ranges a destination acknowledged, merged as they arrive (acknowledgements may come out of order when a sink
/// keeps several requests in flight).
/// </summary>
internal sealed class RangeSet
{
    private readonly List<(long Start, long End)> _ranges = [];

    public IReadOnlyList<(long Start, long End)> Ranges => _ranges;

    /// <summary>Rows covered.</summary>
    public long Count => _ranges.Sum(r => r.End - r.Start);

    /// <summary>The end of the run of acknowledged rows that starts at ordinal 0: a resume reads from here.</summary>
    public long ContiguousPrefix => _ranges.Count > 0 && _ranges[0].Start == 0 ? _ranges[0].End : 0;

    public void Add(RowRange range)
    {
        if (range.Count <= 0)
        {
            return;
        }

        long start = range.Start;
        long end = range.End;
        int i = 0;
        while (i < _ranges.Count && _ranges[i].End < start)
        {
            i++;
        }

        // Swallow every range that touches or overlaps [start, end).
        while (i < _ranges.Count && _ranges[i].Start <= end)
        {
            start = Math.Min(start, _ranges[i].Start);
            end = Math.Max(end, _ranges[i].End);
            _ranges.RemoveAt(i);
        }

        _ranges.Insert(i, (start, end));
    }
}
