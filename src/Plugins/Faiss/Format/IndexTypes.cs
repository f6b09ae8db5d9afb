namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>
/// Every fourcc Faiss <c>read_index</c>/<c>read_index_binary</c> knows (1.7.3 and later), so an unsupported but real
/// Faiss file is named as such instead of being called corrupt.
/// </summary>
internal static class IndexTypes
{
    private const string Sq = "scalar-quantized codes";
    private const string Pq = "product-quantized codes";
    private const string Aq = "additive-quantizer codes";

    private static readonly Dictionary<uint, IndexTypeInfo> s_byCode = Build(
        new("IxF2", "IndexFlatL2", IndexKind.Exact, false),
        new("IxFI", "IndexFlatIP", IndexKind.Exact, false),
        new("IxFl", "IndexFlat", IndexKind.Exact, false),
        new("IxMp", "IndexIDMap", IndexKind.Exact, false),
        new("IxM2", "IndexIDMap2", IndexKind.Exact, false),
        new("IwFl", "IndexIVFFlat", IndexKind.Exact, false),
        new("IvFl", "IndexIVFFlat (pre-2018 layout)", IndexKind.Exact, false),
        new("IvFL", "IndexIVFFlat (pre-2018 layout)", IndexKind.Exact, false),
        new("IHNf", "IndexHNSWFlat", IndexKind.Exact, false),
        new("IxRF", "IndexRefine", IndexKind.Exact, false),
        new("IxSQ", "IndexScalarQuantizer", IndexKind.Lossy, false, Sq),
        new("IwSQ", "IndexIVFScalarQuantizer", IndexKind.Lossy, false, Sq),
        new("IwSq", "IndexIVFScalarQuantizer", IndexKind.Lossy, false, Sq),
        new("IvSQ", "IndexIVFScalarQuantizer (pre-2018 layout)", IndexKind.Lossy, false, Sq),
        new("IxPq", "IndexPQ", IndexKind.Lossy, false, Pq),
        new("IxPQ", "IndexPQ", IndexKind.Lossy, false, Pq),
        new("IxPo", "IndexPQ", IndexKind.Lossy, false, Pq),
        new("IwPQ", "IndexIVFPQ", IndexKind.Lossy, false, Pq),
        new("IwQR", "IndexIVFPQR", IndexKind.Lossy, false, Pq),
        new("IvPQ", "IndexIVFPQ (pre-2018 layout)", IndexKind.Lossy, false, Pq),
        new("IvQR", "IndexIVFPQR (pre-2018 layout)", IndexKind.Lossy, false, Pq),
        new("IPfs", "IndexPQFastScan", IndexKind.Lossy, false, Pq),
        new("IwPf", "IndexIVFPQFastScan", IndexKind.Lossy, false, Pq),
        new("IHNp", "IndexHNSWPQ", IndexKind.Lossy, false, Pq),
        new("IHNs", "IndexHNSWSQ", IndexKind.Lossy, false, Sq),
        new("IHN2", "IndexHNSW2Level", IndexKind.Lossy, false, Pq),
        new("IHNc", "IndexHNSWCagra", IndexKind.Unsupported, false),
        new("IxPT", "IndexPreTransform", IndexKind.Lossy, false, "transformed vectors (PCA, OPQ, rotations...), not the original ones"),
        new("IxHE", "IndexLSH", IndexKind.Lossy, false, "binary hashes"),
        new("IxHe", "IndexLSH", IndexKind.Lossy, false, "binary hashes"),
        new("Ix2L", "Index2Layer", IndexKind.Lossy, false, Pq),
        new("IxRQ", "IndexResidualQuantizer", IndexKind.Lossy, false, Aq),
        new("IxRq", "IndexResidualQuantizer", IndexKind.Lossy, false, Aq),
        new("IxLS", "IndexLocalSearchQuantizer", IndexKind.Lossy, false, Aq),
        new("IxPR", "IndexProductResidualQuantizer", IndexKind.Lossy, false, Aq),
        new("IxPL", "IndexProductLocalSearchQuantizer", IndexKind.Lossy, false, Aq),
        new("ImRQ", "ResidualCoarseQuantizer", IndexKind.Lossy, false, Aq),
        new("ILfs", "IndexLocalSearchQuantizerFastScan", IndexKind.Lossy, false, Aq),
        new("IRfs", "IndexResidualQuantizerFastScan", IndexKind.Lossy, false, Aq),
        new("IPRf", "IndexProductResidualQuantizerFastScan", IndexKind.Lossy, false, Aq),
        new("IPLf", "IndexProductLocalSearchQuantizerFastScan", IndexKind.Lossy, false, Aq),
        new("IVLf", "IndexIVFLocalSearchQuantizerFastScan", IndexKind.Lossy, false, Aq),
        new("IVRf", "IndexIVFResidualQuantizerFastScan", IndexKind.Lossy, false, Aq),
        new("NPLf", "IndexIVFProductLocalSearchQuantizerFastScan", IndexKind.Lossy, false, Aq),
        new("NPRf", "IndexIVFProductResidualQuantizerFastScan", IndexKind.Lossy, false, Aq),
        new("IwLS", "IndexIVFLocalSearchQuantizer", IndexKind.Lossy, false, Aq),
        new("IwRQ", "IndexIVFResidualQuantizer", IndexKind.Lossy, false, Aq),
        new("IwPL", "IndexIVFProductLocalSearchQuantizer", IndexKind.Lossy, false, Aq),
        new("IwPR", "IndexIVFProductResidualQuantizer", IndexKind.Lossy, false, Aq),
        new("IwSh", "IndexIVFSpectralHash", IndexKind.Lossy, false, "binary hashes"),
        new("IxLa", "IndexLattice", IndexKind.Lossy, false, "lattice codes"),
        new("Imiq", "MultiIndexQuantizer", IndexKind.Lossy, false, "only quantizer centroids"),
        new("IwFd", "IndexIVFFlatDedup", IndexKind.Unsupported, false),
        new("IwIQ", "IndexIVFIndependentQuantizer", IndexKind.Unsupported, false),
        new("INSf", "IndexNSGFlat", IndexKind.Unsupported, false),
        new("INSp", "IndexNSGPQ", IndexKind.Lossy, false, Pq),
        new("INSs", "IndexNSGSQ", IndexKind.Lossy, false, Sq),
        new("INNf", "IndexNNDescentFlat", IndexKind.Unsupported, false),
        new("IRMf", "IndexRowwiseMinMax", IndexKind.Lossy, false, "normalized codes"),
        new("IRMh", "IndexRowwiseMinMaxFP16", IndexKind.Lossy, false, "normalized codes"),
        new("IBxF", "IndexBinaryFlat", IndexKind.Exact, true),
        new("IBMp", "IndexBinaryIDMap", IndexKind.Exact, true),
        new("IBM2", "IndexBinaryIDMap2", IndexKind.Exact, true),
        new("IBwF", "IndexBinaryIVF", IndexKind.Exact, true),
        new("IBHf", "IndexBinaryHNSW", IndexKind.Exact, true),
        new("IBFf", "IndexBinaryFromFloat", IndexKind.Unsupported, true),
        new("IBHh", "IndexBinaryHash", IndexKind.Unsupported, true),
        new("IBHm", "IndexBinaryMultiHash", IndexKind.Unsupported, true),
        new("IBHc", "IndexBinaryHNSWCagra", IndexKind.Unsupported, true));

    /// <summary>The type for <paramref name="code"/>, or <c>null</c> when Faiss does not know it either.</summary>
    public static IndexTypeInfo? Find(uint code) => s_byCode.GetValueOrDefault(code);

    /// <summary>Why a lossy type cannot be a source, as one sentence.</summary>
    public static string LossyReason(IndexTypeInfo type) =>
        $"index type {type.Display} does not store the original vectors, only {type.Storage}; they cannot be migrated exactly (read the vectors from where the index was built, or rebuild it as a flat, IVF-Flat or HNSW-Flat index)";

    public static string UnsupportedReason(IndexTypeInfo type) =>
        $"index type {type.Display} is not supported by milvusdm's Faiss reader (supported: flat, id maps, IVF-Flat, HNSW-Flat, refine-flat and their binary forms)";

    private static Dictionary<uint, IndexTypeInfo> Build(params IndexTypeInfo[] types) =>
        types.ToDictionary(t => FourCC.Of(t.Code));
}
