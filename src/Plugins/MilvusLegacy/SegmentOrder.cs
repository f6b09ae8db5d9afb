namespace MilvusDm.Plugins.MilvusLegacy;

/// <summary>
/// Orders segment and file ids as numbers (they are microsecond timestamps × 1000 plus a counter, so numeric order
/// is creation order) without parsing them: a shorter digit string is the smaller number. Ids that are not plain
/// digit strings sort after the numeric ones, by text.
/// </summary>
internal sealed class SegmentOrder : IComparer<string>
{
    public static readonly SegmentOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        string a = x ?? "";
        string b = y ?? "";
        bool aNumeric = IsDigits(a);
        bool bNumeric = IsDigits(b);
        if (aNumeric != bNumeric)
        {
            return aNumeric ? -1 : 1;
        }

        if (aNumeric)
        {
            a = a.TrimStart('0');
            b = b.TrimStart('0');
            if (a.Length != b.Length)
            {
                return a.Length.CompareTo(b.Length);
            }
        }

        return string.CompareOrdinal(a, b);
    }

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);
}
