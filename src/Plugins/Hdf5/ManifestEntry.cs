using System.Text.Json.Serialization;

namespace MilvusDm.Plugins.Hdf5;

/// <summary>One file in <c>manifest.json</c>.</summary>
internal sealed record ManifestEntry(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("collection")] string Collection,
    [property: JsonPropertyName("partition")] string Partition,
    [property: JsonPropertyName("rows")] long Rows,
    [property: JsonPropertyName("dim")] int Dim,
    [property: JsonPropertyName("vector_type")] string VectorType,
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("vectors_digest")] string? VectorsDigest,
    [property: JsonPropertyName("source")] string Source);
