using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Milvus.V1;

/// <summary>
/// The 1.x <c>metric_type</c> numbers (protocol reference 9): L2 1, IP 2, HAMMING 3, JACCARD 4, TANIMOTO 5,
/// SUBSTRUCTURE 6, SUPERSTRUCTURE 7. The metric also decides the vector kind: 1-2 float, 3-7 binary.
/// </summary>
internal static class V1Metrics
{
    private static readonly string[] Names = ["INVALID", "L2", "IP", "HAMMING", "JACCARD", "TANIMOTO", "SUBSTRUCTURE", "SUPERSTRUCTURE"];

    /// <summary>The 1.x number of a metric name, or a job-file error for one 1.x does not have (COSINE).</summary>
    public static int Code(string metric, string dataset)
    {
        int code = Array.IndexOf(Names, metric.ToUpperInvariant());
        return code > 0
            ? code
            : throw new ConfigException($"{dataset}: metric {metric} does not exist in Milvus 1.x; set the sink's metric to L2 or IP (float) or HAMMING, JACCARD, TANIMOTO (binary)");
    }

    /// <summary>The name of a 1.x metric number, or null for one outside 1-7.</summary>
    public static string? Name(int code) => code is >= 1 and <= 7 ? Names[code] : null;

    public static bool IsBinary(int code) => code >= 3;
}
