namespace MilvusDm.Abstractions;

/// <summary>The type of a dataset's primary key.</summary>
public enum KeyType
{
    /// <summary>Signed 64-bit integers.</summary>
    Int64,

    /// <summary>UTF-8 strings.</summary>
    VarChar,
}
