using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5;

/// <summary>What one file holds: which dataset has the vectors, how to decode them, the ids dataset, the metric and the scalar fields.</summary>
internal sealed record VectorPlan(
    string VectorsPath,
    VectorEncoding Encoding,
    bool BigEndian,
    VectorType VectorType,
    int Dim,
    long Rows,
    string? IdsPath,
    string? Metric,
    string StoredType,
    IReadOnlyList<ScalarPlan> Scalars)
{
    public int BytesPerRow => VectorType.BytesPerRow(Dim);
}
