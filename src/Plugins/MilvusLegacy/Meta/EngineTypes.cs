namespace MilvusDm.Plugins.MilvusLegacy.Meta;

/// <summary>
/// <c>Tables.engine_type</c>: the index a 1.x collection was built with, and the Milvus 2.x index type closest to
/// it (carried in dataset properties so a sink can rebuild a comparable index).
/// </summary>
internal static class EngineTypes
{
    public static string Name(int engineType) => engineType switch
    {
        1 => "FLAT",
        2 => "IVF_FLAT",
        3 => "IVF_SQ8",
        4 => "RNSG",
        5 => "IVF_SQ8H",
        6 => "IVF_PQ",
        7 => "SPTAG_KDT",
        8 => "SPTAG_BKT",
        9 => "BIN_FLAT",
        10 => "BIN_IVF_FLAT",
        11 => "HNSW",
        12 => "ANNOY",
        13 => "IVF_SQ8NR",
        14 => "HNSW_SQ8NM",
        _ => "INVALID",
    };

    /// <summary>The 2.x index type nearest to the 1.x engine (SQ8H was the GPU variant of SQ8; graph indexes become HNSW).</summary>
    public static string? Milvus2Index(int engineType) => engineType switch
    {
        1 => "FLAT",
        2 => "IVF_FLAT",
        3 or 5 or 13 => "IVF_SQ8",
        6 => "IVF_PQ",
        4 or 7 or 8 or 11 or 12 or 14 => "HNSW",
        9 => "BIN_FLAT",
        10 => "BIN_IVF_FLAT",
        _ => null,
    };
}
