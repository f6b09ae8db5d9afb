namespace MilvusDm.Plugins.MilvusLegacy.Format;

/// <summary>A checked segment: its raw vectors, ids and deleted offsets, ready to stream its live rows.</summary>
/// <param name="Folder">The segment folder.</param>
/// <param name="Vectors">The <c>.rv</c> file.</param>
/// <param name="Ids">The <c>.uid</c> file (same row count).</param>
/// <param name="Deleted">Sorted, distinct physical offsets of deleted rows, each below <see cref="PhysicalRows"/>.</param>
internal sealed record Segment(string Folder, RawVectorsFile Vectors, UidFile Ids, int[] Deleted)
{
    /// <summary>Rows in the files, deleted ones included.</summary>
    public long PhysicalRows => Vectors.Rows;

    /// <summary>Rows a reader emits.</summary>
    public long LiveRows => PhysicalRows - Deleted.Length;

    /// <summary>
    /// The physical row of live row <paramref name="live"/>: the live index plus the deleted rows before it. With the
    /// offsets sorted and distinct, <c>Deleted[i] - i</c> never decreases, so the count is found by binary search.
    /// </summary>
    public long PhysicalOf(long live)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(live);
        int low = 0;
        int high = Deleted.Length;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (Deleted[middle] - (long)middle <= live)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return live + low;
    }
}
