namespace MilvusDm.Abstractions;

/// <summary>The element type of a vector field, as Milvus knows it.</summary>
public enum VectorType
{
    /// <summary>IEEE-754 float32 components, little-endian.</summary>
    Float32,

    /// <summary>Packed bits, dim/8 bytes per row, first component in the most significant bit of byte 0.</summary>
    Binary,

    /// <summary>IEEE-754 half precision, 2 bytes per component, little-endian.</summary>
    Float16,

    /// <summary>bfloat16, 2 bytes per component, little-endian.</summary>
    BFloat16,
}
