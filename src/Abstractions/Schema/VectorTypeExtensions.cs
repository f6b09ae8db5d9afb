namespace MilvusDm.Abstractions;

/// <summary>Sizes and names of <see cref="VectorType"/> values.</summary>
public static class VectorTypeExtensions
{
    /// <summary>Bytes one row of this type occupies at the given dimension.</summary>
    public static int BytesPerRow(this VectorType type, int dim) => type switch
    {
        VectorType.Float32 => checked(dim * 4),
        VectorType.Binary => dim / 8,
        VectorType.Float16 or VectorType.BFloat16 => checked(dim * 2),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown vector type."),
    };

    /// <summary>The name used in job files, reports and <c>inspect --json</c>.</summary>
    public static string ToContractName(this VectorType type) => type switch
    {
        VectorType.Float32 => "float32",
        VectorType.Binary => "binary",
        VectorType.Float16 => "float16",
        VectorType.BFloat16 => "bfloat16",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown vector type."),
    };
}
