using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Protos.Schema;

namespace MilvusDm.Plugins.Milvus.Sink;

/// <summary>Contract types to Milvus DataType numbers and back.</summary>
internal static class MilvusTypes
{
    public static DataType Of(VectorType type) => type switch
    {
        VectorType.Float32 => DataType.FloatVector,
        VectorType.Binary => DataType.BinaryVector,
        VectorType.Float16 => DataType.Float16Vector,
        VectorType.BFloat16 => DataType.Bfloat16Vector,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static VectorType? VectorOf(DataType type) => type switch
    {
        DataType.FloatVector => VectorType.Float32,
        DataType.BinaryVector => VectorType.Binary,
        DataType.Float16Vector => VectorType.Float16,
        DataType.Bfloat16Vector => VectorType.BFloat16,
        _ => null,
    };

    public static DataType Of(ScalarType type) => type switch
    {
        ScalarType.Bool => DataType.Bool,
        ScalarType.Int8 => DataType.Int8,
        ScalarType.Int16 => DataType.Int16,
        ScalarType.Int32 => DataType.Int32,
        ScalarType.Int64 => DataType.Int64,
        ScalarType.Float => DataType.Float,
        ScalarType.Double => DataType.Double,
        ScalarType.VarChar => DataType.VarChar,
        ScalarType.Json => DataType.Json,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static ScalarType? ScalarOf(DataType type) => type switch
    {
        DataType.Bool => ScalarType.Bool,
        DataType.Int8 => ScalarType.Int8,
        DataType.Int16 => ScalarType.Int16,
        DataType.Int32 => ScalarType.Int32,
        DataType.Int64 => ScalarType.Int64,
        DataType.Float => ScalarType.Float,
        DataType.Double => ScalarType.Double,
        DataType.VarChar => ScalarType.VarChar,
        DataType.Json => ScalarType.Json,
        _ => null,
    };

    public static bool IsVector(DataType type) => type is DataType.FloatVector or DataType.BinaryVector or DataType.Float16Vector
        or DataType.Bfloat16Vector or DataType.SparseFloatVector or DataType.Int8Vector;
}
