namespace MilvusDm.Plugins.Hdf5;

/// <summary>How stored elements become contract vector bytes.</summary>
internal enum VectorEncoding
{
    /// <summary>float32 copied (byte-swapped when big-endian).</summary>
    Float32,

    /// <summary>float64 rounded to the nearest float32.</summary>
    Float64,

    /// <summary>float16 copied (byte-swapped when big-endian).</summary>
    Float16,

    /// <summary>Bytes kept as they are: uint8 columns, fixed-length strings or opaque elements.</summary>
    Bytes,

    /// <summary>One boolean (an HDF5 enum of int8, 0 or 1) per bit: packed eight to a byte, first bit in the high bit (numpy.packbits).</summary>
    Bits,
}
