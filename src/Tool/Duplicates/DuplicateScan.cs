namespace MilvusDm.Tool.Duplicates;

/// <summary>Streams over (id, position) pairs sorted by id then position, where equal ids sit side by side.</summary>
internal static class DuplicateScan
{
    /// <summary>The first duplicated id with its first two rows, and the totals; <c>null</c> when every id is unique.</summary>
    public static DuplicateFinding? Find(IEnumerable<(long Key, long Value)> sorted)
    {
        DuplicateFinding? first = null;
        long ids = 0;
        long extra = 0;
        bool any = false;
        (long Key, long Value) previous = default;
        bool previousCounted = false;
        foreach ((long Key, long Value) pair in sorted)
        {
            if (any && pair.Key == previous.Key)
            {
                first ??= new DuplicateFinding(pair.Key, previous.Value, pair.Value, 0, 0);
                extra++;
                if (!previousCounted)
                {
                    ids++;
                    previousCounted = true;
                }
            }
            else
            {
                previousCounted = false;
            }

            previous = pair;
            any = true;
        }

        return first is null ? null : first with { DuplicatedIds = ids, ExtraRows = extra };
    }

    /// <summary>
    /// Adds to <paramref name="superseded"/> (as keys) the position of every row a later row with the same id replaces,
    /// and returns how many ids were duplicated and how many rows are superseded.
    /// </summary>
    public static (long Ids, long Rows) Superseded(IEnumerable<(long Key, long Value)> sorted, ExternalPairSorter superseded)
    {
        long ids = 0;
        long rows = 0;
        bool any = false;
        bool inGroup = false;
        (long Key, long Value) previous = default;
        foreach ((long Key, long Value) pair in sorted)
        {
            if (any && pair.Key == previous.Key)
            {
                superseded.Add(previous.Value, 0);
                rows++;
                if (!inGroup)
                {
                    ids++;
                    inGroup = true;
                }
            }
            else
            {
                inGroup = false;
            }

            previous = pair;
            any = true;
        }

        return (ids, rows);
    }
}
