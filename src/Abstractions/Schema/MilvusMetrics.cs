namespace MilvusDm.Abstractions;

/// <summary>
/// The metric names Milvus accepts, and the contract's precedence rule: the sink's configured metric overrides the
/// source's; with neither, float vectors get <c>L2</c> and binary vectors <c>HAMMING</c> (with a warning); a source
/// metric Milvus does not know (e.g. Faiss L1) is a job-file error unless the sink sets one.
/// </summary>
public static class MilvusMetrics
{
    /// <summary>Metrics for float, float16 and bfloat16 vectors.</summary>
    public static readonly IReadOnlyList<string> Float = ["L2", "IP", "COSINE"];

    /// <summary>Metrics for binary vectors (TANIMOTO, SUBSTRUCTURE and SUPERSTRUCTURE exist in Milvus 0.10/1.x only).</summary>
    public static readonly IReadOnlyList<string> Binary = ["HAMMING", "JACCARD", "TANIMOTO", "SUBSTRUCTURE", "SUPERSTRUCTURE"];

    /// <summary>The metrics valid for a vector type.</summary>
    public static IReadOnlyList<string> For(VectorType type) => type == VectorType.Binary ? Binary : Float;

    /// <summary>Applies the precedence rule and returns the metric to create the destination with.</summary>
    /// <param name="source">The dataset (its name for messages, its type and metric).</param>
    /// <param name="configured">The sink's <c>metric</c> (or original <c>metric_type</c>), or <c>null</c>.</param>
    /// <param name="warn">Receives the default-metric warning.</param>
    /// <exception cref="ConfigException">The configured metric does not fit the vector type, or the source's has no Milvus equivalent.</exception>
    public static string Resolve(DatasetInfo source, string? configured, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(warn);
        VectorType type = source.Schema.Vector.Type;
        IReadOnlyList<string> valid = For(type);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            string wanted = configured.Trim().ToUpperInvariant();
            return valid.Contains(wanted)
                ? wanted
                : throw new ConfigException($"metric '{configured}' cannot be used with {type.ToContractName()} vectors (dataset {source.Name}); use one of {string.Join(", ", valid)}");
        }

        if (source.Schema.Metric is null)
        {
            string fallback = valid[0];
            warn($"{source.Name}: the source does not say which metric its vectors use; using {fallback} (set the sink's metric to choose)");
            return fallback;
        }

        string metric = source.Schema.Metric.ToUpperInvariant();
        return valid.Contains(metric)
            ? metric
            : throw new ConfigException($"{source.Name}: the source's metric {source.Schema.Metric} has no Milvus equivalent; set the sink's metric to one of {string.Join(", ", valid)}");
    }
}
