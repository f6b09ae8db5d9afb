namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>
/// Datatype message (0x0003): the class, element size and byte order. Enumerations and variable-length types keep
/// their base type.
/// </summary>
internal sealed record Datatype(DatatypeClass Class, int Size, bool BigEndian, bool Signed, Datatype? Base, bool VlenString)
{
    public bool IsFloat => Class == DatatypeClass.FloatingPoint;

    public bool IsInteger => Class == DatatypeClass.FixedPoint;

    public string Describe() => Class switch
    {
        DatatypeClass.FixedPoint => $"{(Signed ? "int" : "uint")}{Size * 8}{(BigEndian ? " big-endian" : "")}",
        DatatypeClass.FloatingPoint => $"float{Size * 8}{(BigEndian ? " big-endian" : "")}",
        DatatypeClass.String => $"fixed string of {Size} bytes",
        DatatypeClass.Opaque => $"opaque of {Size} bytes",
        DatatypeClass.Enumerated => $"enum of {Base?.Describe()}",
        DatatypeClass.VariableLength => VlenString ? "variable-length string" : "variable-length sequence",
        _ => $"{Class} of {Size} bytes",
    };

    public static Datatype Parse(ByteCursor c)
    {
        int classAndVersion = c.U8();
        var type = (DatatypeClass)(classAndVersion & 0x0F);
        int bits0 = c.U8();
        int bits1 = c.U8();
        c.Skip(1);
        uint size = c.U32();
        if (size == 0 || size > 1 << 20)
        {
            throw c.Corrupt($"datatype element size {size} is not plausible");
        }

        bool bigEndian = (bits0 & 1) != 0;
        switch (type)
        {
            case DatatypeClass.FixedPoint:
                c.Skip(4);
                return new Datatype(type, (int)size, bigEndian, (bits0 & 0x08) != 0, null, false);
            case DatatypeClass.FloatingPoint:
                c.Skip(12);
                if (size is not (2 or 4 or 8))
                {
                    throw c.Corrupt($"floating-point size {size} is not supported");
                }

                // bit 6 with bit 0 is VAX order, which no h5py file uses.
                if ((bits0 & 0x40) != 0)
                {
                    throw c.Corrupt("VAX-order floating point is not supported");
                }

                return new Datatype(type, (int)size, bigEndian, true, null, false);
            case DatatypeClass.String:
            case DatatypeClass.Bitfield:
                if (type == DatatypeClass.Bitfield)
                {
                    c.Skip(4);
                }

                return new Datatype(type, (int)size, bigEndian, false, null, false);
            case DatatypeClass.Opaque:
                // The tag is NUL-padded to a multiple of 8 bytes; its length is in bits0 (and bits1).
                c.Skip(bits0 | (bits1 << 8));
                return new Datatype(type, (int)size, false, false, null, false);
            case DatatypeClass.Enumerated:
            {
                Datatype baseType = Parse(c);

                // Names and values follow; the reader needs only the base type, and the message size bounds the rest.
                c.Position = c.Length;
                return new Datatype(type, (int)size, baseType.BigEndian, baseType.Signed, baseType, false);
            }

            case DatatypeClass.VariableLength:
            {
                bool isString = (bits0 & 0x0F) == 1;
                Datatype baseType = Parse(c);
                return new Datatype(type, (int)size, false, false, baseType, isString);
            }

            default:
                // Compound, array, time and reference types are never vectors; keep the class so callers can refuse them.
                c.Position = c.Length;
                return new Datatype(type, (int)size, bigEndian, false, null, false);
        }
    }
}
