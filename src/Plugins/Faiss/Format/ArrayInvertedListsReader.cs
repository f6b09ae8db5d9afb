namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>
/// <c>ilar</c> (formats.md 1.6.1): nlist, code_size, a <c>full</c> or <c>sprs</c> size table, then for each
/// non-empty list its codes followed by its ids, with no count prefixes.
/// </summary>
internal static class ArrayInvertedListsReader
{
    /// <summary>Reads after the fourcc, skipping (but bounds-checking) the list payloads.</summary>
    public static InvertedLists Read(IndexFileReader reader, long expectedLists, long expectedCodeSize)
    {
        long nlistAt = reader.Position;
        long nlist = reader.ReadSize("nlist of the inverted lists");
        if (nlist != expectedLists)
        {
            throw reader.Error(nlistAt, $"expected the inverted lists to have nlist={expectedLists} like the IVF header, found {nlist}");
        }

        long codeSizeAt = reader.Position;
        long codeSize = reader.ReadSize("code_size of the inverted lists");
        if ((expectedCodeSize >= 0 && codeSize != expectedCodeSize) || codeSize > reader.Length)
        {
            string expected = expectedCodeSize >= 0 ? expectedCodeSize.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"at most {reader.Length}";
            throw reader.Error(codeSizeAt, $"expected code_size {expected}, found {codeSize}");
        }

        long typeAt = reader.Position;
        uint listType = reader.ReadFourcc("the size table type (\"full\" or \"sprs\")");
        var sizes = new List<(long ListNo, long Size)>();
        string kind;
        if (listType == FourCC.Of("full"))
        {
            kind = "ilar/full";
            long countAt = reader.Position;
            long count = reader.ReadCount(8, "the list sizes");
            if (count != nlist)
            {
                throw reader.Error(countAt, $"expected {nlist} list sizes, found {count}");
            }

            for (long list = 0; list < nlist; list++)
            {
                long size = ReadListSize(reader, list);
                if (size > 0)
                {
                    sizes.Add((list, size));
                }
            }
        }
        else if (listType == FourCC.Of("sprs"))
        {
            kind = "ilar/sprs";
            long countAt = reader.Position;
            long count = reader.ReadCount(8, "the (list, size) pairs");
            if (count % 2 != 0)
            {
                throw reader.Error(countAt, $"expected an even number of values for (list, size) pairs, found {count}");
            }

            long previous = -1;
            for (long pair = 0; pair < count / 2; pair++)
            {
                long listAt = reader.Position;
                long list = reader.ReadSize("a list number");
                if (list >= nlist || list <= previous)
                {
                    throw reader.Error(listAt, $"expected a list number above {previous} and below {nlist}, found {list}");
                }

                previous = list;
                long size = ReadListSize(reader, list);
                if (size > 0)
                {
                    sizes.Add((list, size));
                }
            }
        }
        else
        {
            throw reader.Error(typeAt, $"expected the size table type \"full\" or \"sprs\", found '{FourCC.ToText(listType)}'");
        }

        var lists = new List<InvertedList>(sizes.Count);
        foreach ((long list, long size) in sizes)
        {
            long codesAt = reader.Position;
            reader.CheckFits(codesAt, size, codeSize + 8, $"inverted list {list} ({size} codes of {codeSize} bytes and their ids)");
            reader.Skip(size * codeSize, $"the codes of inverted list {list}");
            long idsAt = reader.Position;
            reader.Skip(size * 8, $"the ids of inverted list {list}");
            lists.Add(new InvertedList(list, size, codesAt, idsAt));
        }

        return new InvertedLists(kind, codeSize, lists);
    }

    private static long ReadListSize(IndexFileReader reader, long list)
    {
        long at = reader.Position;
        long size = reader.ReadSize($"the size of inverted list {list}");

        // A list of more rows than the file has bytes is corrupt whatever the code size.
        return size <= reader.Length ? size : throw reader.Error(at, $"inverted list {list} claims {size} rows, more than the file's {reader.Length} bytes can hold");
    }
}
