namespace MilvusDm.Abstractions;

/// <summary>The type of a scalar (non-vector, non-key) field.</summary>
public enum ScalarType
{
    /// <summary>Boolean.</summary>
    Bool,

    /// <summary>8-bit signed integer.</summary>
    Int8,

    /// <summary>16-bit signed integer.</summary>
    Int16,

    /// <summary>32-bit signed integer.</summary>
    Int32,

    /// <summary>64-bit signed integer.</summary>
    Int64,

    /// <summary>float32.</summary>
    Float,

    /// <summary>float64.</summary>
    Double,

    /// <summary>UTF-8 string.</summary>
    VarChar,

    /// <summary>A JSON document, carried as its UTF-8 text.</summary>
    Json,
}
