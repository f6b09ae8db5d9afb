namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>Faiss MetricType values (formats.md 1.1) as dataset metric names.</summary>
internal static class FaissMetrics
{
    /// <summary>
    /// "IP" and "L2" as Milvus spells them; other Faiss metrics keep a Faiss-style name that has no Milvus
    /// equivalent (the host decides whether a job may send them). Binary indexes always search with Hamming.
    /// </summary>
    public static string? Name(int metricType, bool binary) => binary ? "HAMMING" : metricType switch
    {
        0 => "IP",
        1 => "L2",
        2 => "L1",
        3 => "Linf",
        4 => "Lp",
        20 => "Canberra",
        21 => "BrayCurtis",
        22 => "JensenShannon",
        23 => "Jaccard",
        24 => "NaNEuclidean",
        25 => "Gower",
        _ => null,
    };
}
