namespace MilvusDm.Abstractions;

/// <summary>The one vector field of a dataset.</summary>
/// <param name="Name">Field name at the source (file sources use <c>embedding</c>).</param>
/// <param name="Type">Element type.</param>
/// <param name="Dim">Dimension (number of components; bits for binary vectors).</param>
public sealed record VectorField(string Name, VectorType Type, int Dim)
{
    /// <summary>Bytes one row occupies in a batch's vector block.</summary>
    public int BytesPerRow => Type.BytesPerRow(Dim);
}
