namespace MilvusDm.Tool.Duplicates;

/// <summary>
/// A row's place among the datasets written to one destination, as one sortable number: the dataset's index in the
/// job's order in the high bits, its ordinal (below 2^40, a trillion rows) in the low bits.
/// </summary>
internal static class RowPosition
{
    private const int OrdinalBits = 40;
    private const long OrdinalMask = (1L << OrdinalBits) - 1;

    public static long Of(int dataset, long ordinal) => ((long)dataset << OrdinalBits) | (ordinal & OrdinalMask);

    public static int Dataset(long position) => (int)(position >> OrdinalBits);

    public static long Ordinal(long position) => position & OrdinalMask;
}
