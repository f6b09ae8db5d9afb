namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>The datatype classes of the datatype message.</summary>
internal enum DatatypeClass
{
    FixedPoint = 0,
    FloatingPoint = 1,
    Time = 2,
    String = 3,
    Bitfield = 4,
    Opaque = 5,
    Compound = 6,
    Reference = 7,
    Enumerated = 8,
    VariableLength = 9,
    Array = 10,
}
