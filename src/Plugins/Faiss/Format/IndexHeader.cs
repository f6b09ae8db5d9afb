namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>
/// The header every float index writes after its fourcc (<c>write_index_header</c>, formats.md 1.2), or the
/// binary header (<c>write_index_binary_header</c>, formats.md 1.11) expressed with the same fields.
/// </summary>
/// <param name="Type">The index type.</param>
/// <param name="Offset">Offset of the fourcc.</param>
/// <param name="Dim">d: components, or bits for binary indexes.</param>
/// <param name="Total">ntotal.</param>
/// <param name="MetricType">Faiss MetricType value.</param>
/// <param name="MetricArg">metric_arg (only stored when metric_type &gt; 1; otherwise 0).</param>
/// <param name="CodeSize">Bytes of one vector (binary: d/8 even where Faiss &lt;= 1.7.4 stored 0 in id maps).</param>
/// <param name="IsTrained">is_trained.</param>
internal sealed record IndexHeader(IndexTypeInfo Type, long Offset, int Dim, long Total, int MetricType, float MetricArg, int CodeSize, bool IsTrained)
{
    /// <summary>Largest dimension accepted: far above any real index, low enough that row sizes fit an int.</summary>
    public const int MaxDim = 1 << 24;

    /// <summary>Reads the float header; the fourcc has been read already.</summary>
    public static IndexHeader ReadFloat(IndexFileReader reader, IndexTypeInfo type, long offset)
    {
        long dimAt = reader.Position;
        int dim = reader.ReadInt32("d (the dimension)");
        long totalAt = reader.Position;
        long total = reader.ReadInt64("ntotal (the number of vectors)");
        reader.ReadInt64("a dummy field (1<<20)");
        reader.ReadInt64("a dummy field (1<<20)");
        bool trained = reader.ReadBool("is_trained");
        int metric = reader.ReadInt32("metric_type");
        float metricArg = metric > 1 ? reader.ReadSingle("metric_arg") : 0f;
        Check(reader, dimAt, dim, totalAt, total, binary: false);
        return new IndexHeader(type, offset, dim, total, metric, metricArg, dim * 4, trained);
    }

    /// <summary>Reads the binary header (d, code_size, ntotal, is_trained, metric_type; no dummies).</summary>
    public static IndexHeader ReadBinary(IndexFileReader reader, IndexTypeInfo type, long offset)
    {
        long dimAt = reader.Position;
        int dim = reader.ReadInt32("d (the dimension in bits)");
        long codeSizeAt = reader.Position;
        int codeSize = reader.ReadInt32("code_size");
        long totalAt = reader.Position;
        long total = reader.ReadInt64("ntotal (the number of vectors)");
        bool trained = reader.ReadBool("is_trained");
        int metric = reader.ReadInt32("metric_type");
        Check(reader, dimAt, dim, totalAt, total, binary: true);

        // Faiss <= 1.7.4 writes code_size 0 in IBMp/IBM2 wrappers (formats.md 1.11): d/8 is the only true value.
        if (codeSize != 0 && codeSize != dim / 8)
        {
            throw reader.Error(codeSizeAt, $"expected code_size {dim / 8} (d/8 for d={dim}) or 0, found {codeSize}");
        }

        return new IndexHeader(type, offset, dim, total, metric, 0f, dim / 8, trained);
    }

    private static void Check(IndexFileReader reader, long dimAt, int dim, long totalAt, long total, bool binary)
    {
        if (dim <= 0 || dim > MaxDim || (binary && dim % 8 != 0))
        {
            string expected = binary ? $"a positive multiple of 8 up to {MaxDim}" : $"1 to {MaxDim}";
            throw reader.Error(dimAt, $"expected d (the dimension) to be {expected}, found {dim}");
        }

        if (total < 0)
        {
            throw reader.Error(totalAt, $"expected ntotal >= 0, found {total}");
        }
    }
}
