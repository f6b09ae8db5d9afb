namespace MilvusDm.Abstractions;

/// <summary>The values of one scalar field for every row of a batch.</summary>
/// <param name="Field">The field.</param>
/// <param name="Values">
/// A typed array with one element per row: <c>bool[]</c>, <c>sbyte[]</c>, <c>short[]</c>, <c>int[]</c>,
/// <c>long[]</c>, <c>float[]</c>, <c>double[]</c> or <c>string[]</c> (VarChar and JSON text).
/// </param>
/// <param name="Nulls">For nullable fields: <c>true</c> where a row holds no value; otherwise <c>null</c>.</param>
public sealed record ScalarColumn(ScalarField Field, Array Values, bool[]? Nulls = null);
