namespace MilvusDm.Abstractions;

/// <summary>What one dataset holds: key, vector field, metric and scalar fields.</summary>
/// <param name="Vector">The vector field.</param>
/// <param name="KeyType">The primary key's type, or <c>null</c> when the source stores no ids.</param>
/// <param name="Metric">
/// Metric name as Milvus spells it (<c>L2</c>, <c>IP</c>, <c>COSINE</c>, <c>HAMMING</c>, …), a source-specific
/// name with no Milvus equivalent (e.g. <c>L1</c>), or <c>null</c> when the source does not say.
/// </param>
/// <param name="Scalars">Scalar fields, in source order.</param>
public sealed record DatasetSchema(VectorField Vector, KeyType? KeyType, string? Metric, IReadOnlyList<ScalarField> Scalars)
{
    /// <summary>Name of the primary key field at the source (Milvus sources), else <c>id</c>.</summary>
    public string KeyName { get; init; } = "id";

    /// <summary>Whether the source stores ids (otherwise rows are identified by their ordinal).</summary>
    public bool HasIds => KeyType is not null;

    /// <summary>Creates a schema with a vector field and no scalars.</summary>
    public static DatasetSchema Of(VectorType type, int dim, KeyType? keyType, string? metric) =>
        new(new VectorField("embedding", type, dim), keyType, metric, []);
}
