namespace MilvusDm.Abstractions.Tests;

public sealed class MilvusMetricsTests
{
    private static DatasetInfo Dataset(VectorType type, string? metric) => new("d", DatasetSchema.Of(type, 16, null, metric), 1);

    [Theory]
    [InlineData(VectorType.Float32, "IP", null, "IP")]
    [InlineData(VectorType.Float32, "L2", "cosine", "COSINE")]
    [InlineData(VectorType.Float32, "L1", "L2", "L2")]
    [InlineData(VectorType.Binary, "HAMMING", "jaccard", "JACCARD")]
    [InlineData(VectorType.Binary, "JACCARD", null, "JACCARD")]
    public void Resolve_SinkMetricOverridesSourceMetric(VectorType type, string? source, string? configured, string expected)
    {
        Assert.Equal(expected, MilvusMetrics.Resolve(Dataset(type, source), configured, _ => { }));
    }

    [Theory]
    [InlineData(VectorType.Float32, "L2")]
    [InlineData(VectorType.Binary, "HAMMING")]
    public void Resolve_NoMetricAnywhere_DefaultsPerTypeWithAWarning(VectorType type, string expected)
    {
        var warnings = new List<string>();

        Assert.Equal(expected, MilvusMetrics.Resolve(Dataset(type, null), null, warnings.Add));
        Assert.Single(warnings);
    }

    [Fact]
    public void Resolve_SourceMetricWithoutMilvusEquivalent_IsAJobFileError()
    {
        var error = Assert.Throws<ConfigException>(() => MilvusMetrics.Resolve(Dataset(VectorType.Float32, "L1"), null, _ => { }));

        Assert.Equal("d: the source's metric L1 has no Milvus equivalent; set the sink's metric to one of L2, IP, COSINE", error.Message);
        Assert.Equal(2, error.ExitCode);
    }

    [Fact]
    public void Resolve_ConfiguredMetricWrongForType_IsAJobFileError()
    {
        var error = Assert.Throws<ConfigException>(() => MilvusMetrics.Resolve(Dataset(VectorType.Binary, "HAMMING"), "L2", _ => { }));

        Assert.Contains("cannot be used with binary vectors", error.Message, StringComparison.Ordinal);
    }
}
