namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>The IVF family (formats.md 1.5, 1.6): common part, direct map and inverted lists.</summary>
internal static class IvfReader
{
    /// <summary>nlist, nprobe and the quantizer, right after the header.</summary>
    public static (long ListCount, FaissIndex Quantizer) ReadCommon(IndexFileReader reader, IndexHeader header, int depth)
    {
        long nlistAt = reader.Position;
        long nlist = reader.ReadSize("nlist");

        // Each list needs at least a centroid in the quantizer, so nlist cannot exceed the file's size.
        if (nlist > reader.Length)
        {
            throw reader.Error(nlistAt, $"expected nlist (the number of inverted lists), found {nlist}, more than the file's {reader.Length} bytes can describe");
        }

        reader.ReadSize("nprobe");
        long quantizerAt = reader.Position;
        FaissIndex quantizer = header.Type.Binary
            ? IndexParser.ReadBinaryIndex(reader, depth + 1)
            : IndexParser.ReadIndex(reader, depth + 1);

        // A trained IVF index has one centroid per list in a flat quantizer. Checking it bounds nlist by the bytes
        // the centroids occupy, so corrupt list tables cannot make the list bookkeeping outgrow the file.
        if (header.IsTrained && quantizer is FlatIndex flat && flat.Header.Total != nlist)
        {
            throw reader.Error(quantizerAt, $"expected the coarse quantizer to hold nlist={nlist} centroids, found {flat.Header.Total}");
        }

        return (nlist, quantizer);
    }

    public static IvfIndex ReadIvfFlat(IndexFileReader reader, IndexHeader header, int depth)
    {
        (long nlist, FaissIndex quantizer) = ReadCommon(reader, header, depth);
        DirectMap directMap = DirectMap.Read(reader);
        InvertedLists lists = ReadInvertedLists(reader, nlist, header.CodeSize);
        return Checked(reader, new IvfIndex(header, nlist, quantizer, directMap, lists));
    }

    public static IvfIndex ReadBinaryIvf(IndexFileReader reader, IndexHeader header, int depth) =>
        ReadIvfFlat(reader, header, depth);

    /// <summary>
    /// <c>IvFl</c>/<c>IvFL</c> (Faiss &lt;= 1.2): after the quantizer, one id vector per list, the direct map, then one
    /// code vector per list, counted in floats (<c>IvFl</c>) or bytes (<c>IvFL</c>).
    /// </summary>
    public static IvfIndex ReadLegacyIvfFlat(IndexFileReader reader, IndexHeader header, int depth)
    {
        (long nlist, FaissIndex quantizer) = ReadCommon(reader, header, depth);
        var ids = new List<(long ListNo, long Size, long IdsAt)>();
        for (long list = 0; list < nlist; list++)
        {
            long size = reader.ReadCount(8, $"the ids of inverted list {list}");
            if (size > 0)
            {
                ids.Add((list, size, reader.Position));
            }

            reader.Skip(size * 8, $"the ids of inverted list {list}");
        }

        DirectMap directMap = DirectMap.Read(reader);
        bool countsFloats = header.Type.Code == "IvFl";
        int unit = countsFloats ? 4 : 1;
        var lists = new List<InvertedList>(ids.Count);
        int next = 0;
        for (long list = 0; list < nlist; list++)
        {
            long countAt = reader.Position;
            long count = reader.ReadCount(unit, $"the codes of inverted list {list}");
            long size = next < ids.Count && ids[next].ListNo == list ? ids[next].Size : 0;
            if (count * unit != size * header.CodeSize)
            {
                string what = countsFloats ? "floats" : "bytes";
                throw reader.Error(countAt, $"expected {size * header.CodeSize / unit} {what} of codes for the {size} ids of inverted list {list}, found {count}");
            }

            if (size > 0)
            {
                lists.Add(new InvertedList(list, size, reader.Position, ids[next].IdsAt));
                next++;
            }

            reader.Skip(count * unit, $"the codes of inverted list {list}");
        }

        return Checked(reader, new IvfIndex(header, nlist, quantizer, directMap, new InvertedLists("legacy", header.CodeSize, lists)));
    }

    /// <summary>Inverted lists of any code size (also used to skip those of lossy IVF indexes).</summary>
    public static InvertedLists ReadInvertedLists(IndexFileReader reader, long nlist, long codeSize)
    {
        long at = reader.Position;
        uint code = reader.ReadFourcc("the inverted lists type (ilar, ilod or il00)");
        return FourCC.ToText(code) switch
        {
            "ilar" => ArrayInvertedListsReader.Read(reader, nlist, codeSize),
            "ilod" => OnDiskInvertedListsReader.Read(reader, nlist, codeSize),
            "il00" => InvertedLists.Empty("il00", codeSize),
            string other => throw reader.Error(at, $"expected the inverted lists type (ilar, ilod or il00), found '{other}'"),
        };
    }

    private static IvfIndex Checked(IndexFileReader reader, IvfIndex index)
    {
        long rows = index.Lists.TotalRows;
        if (!index.Lists.NotStored && rows != index.Header.Total)
        {
            throw reader.Error(index.Header.Offset, $"the IVF header says ntotal={index.Header.Total}, but its inverted lists hold {rows} vectors");
        }

        return index;
    }
}
