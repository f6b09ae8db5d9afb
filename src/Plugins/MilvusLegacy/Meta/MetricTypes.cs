using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.MilvusLegacy.Meta;

/// <summary><c>Tables.metric_type</c> in Milvus numbering (not Faiss's): 1–2 float vectors, 3–7 binary vectors.</summary>
internal static class MetricTypes
{
    private static readonly string[] s_names = ["", "L2", "IP", "HAMMING", "JACCARD", "TANIMOTO", "SUBSTRUCTURE", "SUPERSTRUCTURE"];

    /// <summary>The metric's name, or <c>null</c> for a number Milvus 1.x never wrote.</summary>
    public static string? Name(int metricType) => metricType is >= 1 and <= 7 ? s_names[metricType] : null;

    /// <summary>Binary collections (metrics 3–7) store <c>dim/8</c> packed bytes per row; the others float32.</summary>
    public static VectorType VectorType(int metricType) => metricType >= 3 ? Abstractions.VectorType.Binary : Abstractions.VectorType.Float32;
}
