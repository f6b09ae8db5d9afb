using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>Attribute message (0x000C), versions 1 to 3, with its value decoded for the scalar types h5py writes.</summary>
internal sealed record AttributeMessage(string Name, Datatype Type, Dataspace Space, byte[] Value, long ValueOffset)
{
    public static AttributeMessage Parse(ByteCursor c)
    {
        int version = c.U8();
        if (version is < 1 or > 3)
        {
            throw c.Corrupt($"attribute message version {version} is not supported (1 to 3 are)");
        }

        c.Skip(1);
        int nameSize = c.U16();
        int typeSize = c.U16();
        int spaceSize = c.U16();
        if (version == 3)
        {
            c.Skip(1);
        }

        int Pad(int n) => version == 1 ? (n + 7) & ~7 : n;
        string name = Encoding.UTF8.GetString(c.Take(Pad(nameSize))).Split('\0')[0];
        var type = Datatype.Parse(new ByteCursor(c.File, c.Bytes(Pad(typeSize)), c.Here, "attribute datatype"));
        var space = Dataspace.Parse(new ByteCursor(c.File, c.Bytes(Pad(spaceSize)), c.Here, "attribute dataspace"));
        long at = c.Here;
        return new AttributeMessage(name, type, space, c.Bytes(c.Remaining), at);
    }

    /// <summary>The first element as text: a string (fixed or variable length) or a number.</summary>
    public string? AsText(Hdf5File file)
    {
        if (Space.Null || Value.Length < Type.Size)
        {
            return null;
        }

        switch (Type.Class)
        {
            case DatatypeClass.String:
                return Encoding.UTF8.GetString(Value, 0, Type.Size).TrimEnd('\0', ' ');
            case DatatypeClass.VariableLength when Type.VlenString:
            {
                var c = new ByteCursor(file, Value, ValueOffset, $"attribute '{Name}'");
                uint length = c.U32();
                ulong collection = c.Address();
                uint index = c.U32();
                if (length == 0)
                {
                    return "";
                }

                byte[] bytes = GlobalHeap.Object(file, collection, index);
                return Encoding.UTF8.GetString(bytes, 0, (int)Math.Min(length, (uint)bytes.Length));
            }

            case DatatypeClass.FixedPoint:
            {
                ReadOnlySpan<byte> raw = Value.AsSpan(0, Type.Size);
                Span<byte> le = stackalloc byte[8];
                le.Clear();
                for (int i = 0; i < raw.Length && i < 8; i++)
                {
                    le[i] = Type.BigEndian ? raw[raw.Length - 1 - i] : raw[i];
                }

                if (Type.Signed && raw.Length < 8 && (le[raw.Length - 1] & 0x80) != 0)
                {
                    le[raw.Length..].Fill(0xFF);
                }

                return Type.Signed
                    ? BinaryPrimitives.ReadInt64LittleEndian(le).ToString(CultureInfo.InvariantCulture)
                    : BinaryPrimitives.ReadUInt64LittleEndian(le).ToString(CultureInfo.InvariantCulture);
            }

            case DatatypeClass.FloatingPoint when Type.Size is 4 or 8:
            {
                ReadOnlySpan<byte> raw = Value.AsSpan(0, Type.Size);
                double value = Type.Size == 4
                    ? Type.BigEndian ? BinaryPrimitives.ReadSingleBigEndian(raw) : BinaryPrimitives.ReadSingleLittleEndian(raw)
                    : Type.BigEndian ? BinaryPrimitives.ReadDoubleBigEndian(raw) : BinaryPrimitives.ReadDoubleLittleEndian(raw);
                return value.ToString("R", CultureInfo.InvariantCulture);
            }

            default:
                return null;
        }
    }
}
