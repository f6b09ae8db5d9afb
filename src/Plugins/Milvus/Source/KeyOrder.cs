using System.Text;

namespace MilvusDm.Plugins.Milvus.Source;

/// <summary>
/// The order Milvus sorts and compares VarChar keys in: by UTF-8 bytes, which is the order of Unicode scalar values
/// (UTF-16 ordinal comparison differs for characters above U+FFFF against U+E000..U+FFFF).
/// </summary>
internal static class KeyOrder
{
    public static int Compare(string left, string right)
    {
        var a = left.EnumerateRunes();
        var b = right.EnumerateRunes();
        while (true)
        {
            bool hasA = a.MoveNext();
            bool hasB = b.MoveNext();
            if (!hasA || !hasB)
            {
                return hasA.CompareTo(hasB);
            }

            int order = a.Current.Value.CompareTo(b.Current.Value);
            if (order != 0)
            {
                return order;
            }
        }
    }
}
