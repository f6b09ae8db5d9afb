using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>Turns a parsed index tree into the rows to stream, or refuses it with a one-line reason.</summary>
internal static class RowPlanner
{
    /// <summary>Opens, parses and plans <paramref name="path"/>.</summary>
    public static RowPlan Plan(string path)
    {
        using IndexFileReader reader = IndexFileReader.Open(path);
        FaissIndex root = IndexParser.ParseFile(reader);
        return Plan(path, root);
    }

    public static RowPlan Plan(string path, FaissIndex root)
    {
        var files = new List<string> { path };
        var idMaps = new List<IdMapTable>();
        (string, string)? onDisk = null;
        (List<RowSegment> segments, bool hasIds) = Collect(path, root, files, idMaps, ref onDisk);
        IndexHeader header = root.Header;
        bool binary = header.Type.Binary;
        return new RowPlan
        {
            Root = root,
            Files = files,
            Segments = segments,
            IdMaps = idMaps,
            VectorType = binary ? VectorType.Binary : VectorType.Float32,
            Dim = header.Dim,
            RowBytes = header.CodeSize,
            HasIds = hasIds,
            Metric = FaissMetrics.Name(header.MetricType, binary),
            OnDiskData = onDisk,
        };
    }

    private static (List<RowSegment> Segments, bool HasIds) Collect(
        string path, FaissIndex index, List<string> files, List<IdMapTable> idMaps, ref (string, string)? onDisk)
    {
        switch (index)
        {
            case FlatIndex flat:
                return ([new RowSegment(0, flat.CodesOffset, -1, flat.Header.Total)], false);

            case IdMapIndex map:
            {
                RequireSameShape(path, map, map.Inner);
                (List<RowSegment> inner, bool innerHasIds) = Collect(path, map.Inner, files, idMaps, ref onDisk);
                if (map.IdCount != inner.Sum(s => s.Rows))
                {
                    throw new SourceDataException($"{path}: {map.Type.Code} holds {map.IdCount} ids for {inner.Sum(s => s.Rows)} vectors in {map.Inner.Type.Code}");
                }

                if (innerHasIds)
                {
                    // The inner index stores its own (internal) ids: translate them through the map.
                    idMaps.Add(new IdMapTable(map.IdsOffset, map.IdCount, map.Type.Code));
                    return (inner, true);
                }

                // Rows without ids are numbered 0..n-1, so id_map is read alongside them.
                var withIds = new List<RowSegment>(inner.Count);
                long ordinal = 0;
                foreach (RowSegment segment in inner)
                {
                    withIds.Add(segment with { IdsOffset = map.IdsOffset + ordinal * 8 });
                    ordinal += segment.Rows;
                }

                return (withIds, true);
            }

            case IvfIndex ivf:
            {
                if (ivf.Lists.NotStored)
                {
                    throw new SourceDataException($"{path}: {ivf.Type.Display} was written without its inverted lists (il00), so it holds no vectors");
                }

                int file = 0;
                if (ivf.Lists.DataFile is { } data)
                {
                    files.Add(data);
                    file = files.Count - 1;
                    onDisk = (ivf.Lists.StoredDataFile ?? data, data);
                }

                var segments = ivf.Lists.Lists.Select(l => new RowSegment(file, l.CodesOffset, l.IdsOffset, l.Size)).ToList();
                return (segments, true);
            }

            case HnswIndex hnsw:
                if (hnsw.Storage is null)
                {
                    throw new SourceDataException($"{path}: {hnsw.Type.Display} was written without its storage index (\"null\"), so it holds no vectors");
                }

                RequireSameShape(path, hnsw, hnsw.Storage);
                return Collect(path, hnsw.Storage, files, idMaps, ref onDisk);

            case RefineIndex refine:
                if (refine.Refine is not FlatIndex)
                {
                    throw new SourceDataException($"{path}: {refine.Type.Display} refines with {refine.Refine.Type.Display}, which does not store the original vectors");
                }

                RequireSameShape(path, refine, refine.Refine);
                return Collect(path, refine.Refine, files, idMaps, ref onDisk);

            case LossyIndex lossy:
                throw new SourceDataException($"{path}: {IndexTypes.LossyReason(lossy.Type)}");

            default:
                throw new SourceDataException($"{path}: {IndexTypes.UnsupportedReason(index.Type)}");
        }
    }

    private static void RequireSameShape(string path, FaissIndex outer, FaissIndex inner)
    {
        if (inner is LossyIndex)
        {
            throw new SourceDataException($"{path}: {outer.Type.Code} wraps {IndexTypes.LossyReason(inner.Type)}");
        }

        if (outer.Header.Dim != inner.Header.Dim || outer.Header.Total != inner.Header.Total)
        {
            throw SourceDataException.At(path, inner.Header.Offset, $"expected {inner.Type.Code} to hold {outer.Header.Total} vectors of d={outer.Header.Dim} like its {outer.Type.Code} wrapper, found {inner.Header.Total} of d={inner.Header.Dim}");
        }
    }
}
