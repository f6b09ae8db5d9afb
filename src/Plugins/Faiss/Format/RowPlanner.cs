using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>Turns a parsed index tree into the rows to stream, or refuses it with a one-line reason.</summary>
internal sealed class RowPlanner
{
    private readonly string _path;
    private readonly bool _allowLossy;
    private readonly List<string> _files;
    private readonly List<IdMapTable> _idMaps = [];
    private (string Stored, string Used)? _onDisk;
    private SqDecoder? _decoder;

    private RowPlanner(string path, bool allowLossy)
    {
        _path = path;
        _allowLossy = allowLossy;
        _files = [path];
    }

    /// <summary>Opens, parses and plans <paramref name="path"/>.</summary>
    public static RowPlan Plan(string path, bool allowLossy = false)
    {
        using IndexFileReader reader = IndexFileReader.Open(path);
        FaissIndex root = IndexParser.ParseFile(reader);
        return Plan(path, root, allowLossy);
    }

    public static RowPlan Plan(string path, FaissIndex root, bool allowLossy = false)
    {
        var planner = new RowPlanner(path, allowLossy);
        (List<RowSegment> segments, bool hasIds) = planner.Collect(root);
        IndexHeader header = root.Header;
        bool binary = header.Type.Binary;
        return new RowPlan
        {
            Root = root,
            Files = planner._files,
            Segments = segments,
            IdMaps = planner._idMaps,
            VectorType = binary ? VectorType.Binary : VectorType.Float32,
            Dim = header.Dim,
            RowBytes = header.CodeSize,
            HasIds = hasIds,
            Metric = FaissMetrics.Name(header.MetricType, binary),
            OnDiskData = planner._onDisk,
            Decoder = planner._decoder,
        };
    }

    private (List<RowSegment> Segments, bool HasIds) Collect(FaissIndex index)
    {
        switch (index)
        {
            case FlatIndex flat:
                return ([new RowSegment(0, flat.CodesOffset, -1, flat.Header.Total)], false);

            case IdMapIndex map:
                RequireSameShape(map, map.Inner);
                return WithIdMap(map, Collect(map.Inner));

            case IvfIndex ivf:
                return (ListSegments(ivf, ivf.Lists), true);

            case HnswIndex hnsw:
                if (hnsw.Storage is null)
                {
                    throw new SourceDataException($"{_path}: {hnsw.Type.Display} was written without its storage index (\"null\"), so it holds no vectors");
                }

                if (hnsw.Storage is LossyIndex)
                {
                    throw new SourceDataException($"{_path}: {IndexTypes.LossyReason(hnsw.Type)}");
                }

                RequireSameShape(hnsw, hnsw.Storage);
                return Collect(hnsw.Storage);

            case RefineIndex refine:
                if (refine.Refine is not FlatIndex)
                {
                    throw new SourceDataException($"{_path}: {refine.Type.Display} refines with {refine.Refine.Type.Display}, which does not store the original vectors");
                }

                RequireSameShape(refine, refine.Refine);
                return Collect(refine.Refine);

            case SqFlatIndex sq:
                UseDecoder(sq, sq.Quantizer, null);
                return ([new RowSegment(0, sq.CodesOffset, -1, sq.Header.Total)], false);

            case SqIvfIndex sqIvf:
                FlatIndex? centroids = null;
                if (sqIvf.ByResidual)
                {
                    centroids = sqIvf.CoarseQuantizer as FlatIndex;
                    if (centroids is null || centroids.Header.Dim != sqIvf.Header.Dim || centroids.Header.Total <= sqIvf.Lists.Lists.Select(l => l.ListNo).DefaultIfEmpty(-1).Max())
                    {
                        throw new SourceDataException($"{_path}: {sqIvf.Type.Display} encodes residuals from a {sqIvf.CoarseQuantizer.Type.Display} coarse quantizer; only flat coarse quantizers holding every list's centroid can be decoded");
                    }
                }

                UseDecoder(sqIvf, sqIvf.Quantizer, centroids);
                return (ListSegments(sqIvf, sqIvf.Lists), true);

            case LossyIndex lossy:
                throw new SourceDataException($"{_path}: {IndexTypes.LossyReason(lossy.Type)}");

            default:
                throw new SourceDataException($"{_path}: {IndexTypes.UnsupportedReason(index.Type)}");
        }
    }

    private (List<RowSegment> Segments, bool HasIds) WithIdMap(IdMapIndex map, (List<RowSegment> Segments, bool HasIds) inner)
    {
        long rows = inner.Segments.Sum(s => s.Rows);
        if (map.IdCount != rows)
        {
            throw new SourceDataException($"{_path}: {map.Type.Code} holds {map.IdCount} ids for {rows} vectors in {map.Inner.Type.Code}");
        }

        if (inner.HasIds)
        {
            // The inner index stores its own (internal) ids: translate them through the map.
            _idMaps.Add(new IdMapTable(map.IdsOffset, map.IdCount, map.Type.Code));
            return inner;
        }

        // Rows without ids are numbered 0..n-1, so id_map is read alongside them.
        var withIds = new List<RowSegment>(inner.Segments.Count);
        long ordinal = 0;
        foreach (RowSegment segment in inner.Segments)
        {
            withIds.Add(segment with { IdsOffset = map.IdsOffset + (ordinal * 8) });
            ordinal += segment.Rows;
        }

        return (withIds, true);
    }

    private List<RowSegment> ListSegments(FaissIndex ivf, InvertedLists lists)
    {
        if (lists.NotStored)
        {
            throw new SourceDataException($"{_path}: {ivf.Type.Display} was written without its inverted lists (il00), so it holds no vectors");
        }

        int file = 0;
        if (lists.DataFile is { } data)
        {
            _files.Add(data);
            file = _files.Count - 1;
            _onDisk = (lists.StoredDataFile ?? data, data);
        }

        return [.. lists.Lists.Select(l => new RowSegment(file, l.CodesOffset, l.IdsOffset, l.Size, l.ListNo))];
    }

    private void UseDecoder(FaissIndex index, ScalarQuantizer quantizer, FlatIndex? centroids)
    {
        if (!_allowLossy)
        {
            throw new SourceDataException($"{_path}: {IndexTypes.LossyReason(index.Type)}; allow_lossy: true decodes its {quantizer.QTypeName} codes approximately");
        }

        if (!quantizer.CanDecode)
        {
            throw new SourceDataException($"{_path}: {index.Type.Display} uses scalar quantizer {quantizer.QTypeName}, which milvusdm cannot decode");
        }

        _decoder = new SqDecoder(quantizer, centroids);
    }

    private void RequireSameShape(FaissIndex outer, FaissIndex inner)
    {
        if (inner is LossyIndex)
        {
            throw new SourceDataException($"{_path}: {outer.Type.Code} wraps {IndexTypes.LossyReason(inner.Type)}");
        }

        if (outer.Header.Dim != inner.Header.Dim || outer.Header.Total != inner.Header.Total)
        {
            throw SourceDataException.At(_path, inner.Header.Offset, $"expected {inner.Type.Code} to hold {outer.Header.Total} vectors of d={outer.Header.Dim} like its {outer.Type.Code} wrapper, found {inner.Header.Total} of d={inner.Header.Dim}");
        }
    }
}
