namespace MilvusDm.Abstractions;

/// <summary>A scalar field carried alongside the vectors.</summary>
/// <param name="Name">Field name at the source.</param>
/// <param name="Type">Element type.</param>
/// <param name="MaxLength">For <see cref="ScalarType.VarChar"/>: the declared maximum length, if known.</param>
/// <param name="Nullable">Whether rows may hold no value.</param>
public sealed record ScalarField(string Name, ScalarType Type, int? MaxLength = null, bool Nullable = false);
