using System.Buffers.Binary;
using System.Text;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>
/// Datatype message (0x0003): the class, element size and byte order. Enumerations and variable-length types keep
/// their base type; enumerations also their members.
/// </summary>
internal sealed record Datatype(DatatypeClass Class, int Size, bool BigEndian, bool Signed, Datatype? Base, bool VlenString)
{
    /// <summary>An enumeration's members (name and integer value), in stored order; empty for other classes.</summary>
    public IReadOnlyList<EnumMember> Members { get; init; } = [];

    /// <summary>
    /// numpy's bool as h5py stores it: an enumeration of a 1-byte integer with exactly the values 0 and 1
    /// (h5py names them FALSE and TRUE).
    /// </summary>
    public bool IsBoolean => Class == DatatypeClass.Enumerated && Base is { IsInteger: true, Size: 1 }
        && Members.Count == 2 && Members.Any(m => m.Value == 0) && Members.Any(m => m.Value == 1);

    public bool IsFloat => Class == DatatypeClass.FloatingPoint;

    public bool IsInteger => Class == DatatypeClass.FixedPoint;

    public string Describe() => Class switch
    {
        DatatypeClass.FixedPoint => $"{(Signed ? "int" : "uint")}{Size * 8}{(BigEndian ? " big-endian" : "")}",
        DatatypeClass.FloatingPoint => $"float{Size * 8}{(BigEndian ? " big-endian" : "")}",
        DatatypeClass.String => $"fixed string of {Size} bytes",
        DatatypeClass.Opaque => $"opaque of {Size} bytes",
        DatatypeClass.Enumerated => IsBoolean ? "bool (enum of int8)" : $"enum of {Base?.Describe()}",
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
                int version = classAndVersion >> 4;
                int count = bits0 | (bits1 << 8);
                Datatype baseType = Parse(c);
                EnumMember[] members = ReadMembers(c, version, count, baseType);
                c.Position = c.Length;
                return new Datatype(type, (int)size, baseType.BigEndian, baseType.Signed, baseType, false) { Members = members };
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

    /// <summary>Member names (NUL-terminated, padded to 8 bytes before version 3), then every value in the base type.</summary>
    private static EnumMember[] ReadMembers(ByteCursor c, int version, int count, Datatype baseType)
    {
        if (!baseType.IsInteger || baseType.Size > 8 || (long)count * (baseType.Size + 1) > c.Remaining)
        {
            throw c.Corrupt($"enumeration of {count} members over {baseType.Describe()} does not fit its datatype message");
        }

        var names = new string[count];
        for (int i = 0; i < count; i++)
        {
            int start = c.Position;
            int end = Array.IndexOf(c.Data, (byte)0, start);
            if (end < 0)
            {
                throw c.Corrupt("enumeration member name has no terminating NUL");
            }

            names[i] = Encoding.UTF8.GetString(c.Data, start, end - start);
            int stored = end - start + 1;
            c.Skip(version < 3 ? (stored + 7) & ~7 : stored);
        }

        var members = new EnumMember[count];
        for (int i = 0; i < count; i++)
        {
            ulong raw = c.Sized(baseType.Size);
            if (baseType.BigEndian)
            {
                raw = BinaryPrimitives.ReverseEndianness(raw) >> (64 - (8 * baseType.Size));
            }

            long value = baseType.Signed && baseType.Size < 8 && (raw >> ((8 * baseType.Size) - 1)) != 0
                ? (long)(raw | (ulong.MaxValue << (8 * baseType.Size)))
                : (long)raw;
            members[i] = new EnumMember(names[i], value);
        }

        return members;
    }
}
