namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>
/// The IVF direct map (formats.md 1.5): a type byte, then always the array vector, then for a hashtable the
/// (id, list_no&lt;&lt;32|offset) pairs. Only sizes are kept; the ids come from the inverted lists.
/// </summary>
/// <param name="Type">0 none, 1 array, 2 hashtable.</param>
/// <param name="ArrayLength">Entries of the array.</param>
/// <param name="PairCount">Pairs of the hashtable.</param>
internal sealed record DirectMap(byte Type, long ArrayLength, long PairCount)
{
    public static DirectMap Read(IndexFileReader reader)
    {
        long at = reader.Position;
        byte type = reader.ReadByte("the direct map type (0 none, 1 array, 2 hashtable)");
        if (type > 2)
        {
            throw reader.Error(at, $"expected the direct map type (0 none, 1 array, 2 hashtable), found {type}");
        }

        long array = reader.SkipVector(8, "the direct map array");
        long pairs = type == 2 ? reader.SkipVector(16, "the direct map hashtable") : 0;
        return new DirectMap(type, array, pairs);
    }
}
