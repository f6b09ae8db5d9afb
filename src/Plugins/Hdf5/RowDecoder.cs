using System.Buffers.Binary;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Hdf5.Format;

namespace MilvusDm.Plugins.Hdf5;

/// <summary>Turns raw stored rows into contract bytes (vectors) and int64 values (ids).</summary>
internal static class RowDecoder
{
    /// <summary>Whether the stored rows already are contract bytes (little-endian host assumed, as everywhere here).</summary>
    public static bool IsVerbatim(VectorPlan plan) => BitConverter.IsLittleEndian && plan.Encoding switch
    {
        VectorEncoding.Bytes => true,
        VectorEncoding.Float32 or VectorEncoding.Float16 => !plan.BigEndian,
        _ => false,
    };

    /// <summary>Whether stored ids are little-endian int64, the contract's own representation.</summary>
    public static bool IsVerbatimId(Datatype type) => BitConverter.IsLittleEndian && type is { IsInteger: true, Size: 8, Signed: true, BigEndian: false };

    public static void Vectors(VectorPlan plan, ReadOnlySpan<byte> raw, Span<byte> output, int rows)
    {
        int values = rows * plan.Dim;
        switch (plan.Encoding)
        {
            case VectorEncoding.Bytes:
                raw[..output.Length].CopyTo(output);
                break;
            case VectorEncoding.Bits:
                PackBits(raw[..(output.Length * 8)], output);
                break;
            case VectorEncoding.Float32 when !plan.BigEndian:
            case VectorEncoding.Float16 when !plan.BigEndian:
                raw[..output.Length].CopyTo(output);
                break;
            case VectorEncoding.Float32:
                for (int i = 0; i < values; i++)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(output[(i * 4)..], BinaryPrimitives.ReadUInt32BigEndian(raw[(i * 4)..]));
                }

                break;
            case VectorEncoding.Float16:
                for (int i = 0; i < values; i++)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(output[(i * 2)..], BinaryPrimitives.ReadUInt16BigEndian(raw[(i * 2)..]));
                }

                break;
            case VectorEncoding.Float64:
                for (int i = 0; i < values; i++)
                {
                    double value = plan.BigEndian ? BinaryPrimitives.ReadDoubleBigEndian(raw[(i * 8)..]) : BinaryPrimitives.ReadDoubleLittleEndian(raw[(i * 8)..]);

                    // An explicit conversion rounds to nearest, ties to even, as numpy's astype('<f4').
                    BinaryPrimitives.WriteSingleLittleEndian(output[(i * 4)..], (float)value);
                }

                break;
        }
    }

    public static void Ids(Hdf5File file, Datatype type, ReadOnlySpan<byte> raw, Span<long> output, long firstRow)
    {
        int size = type.Size;
        Span<byte> le = stackalloc byte[8];
        for (int i = 0; i < output.Length; i++)
        {
            ReadOnlySpan<byte> element = raw.Slice(i * size, size);
            le.Clear();
            for (int b = 0; b < size; b++)
            {
                le[b] = type.BigEndian ? element[size - 1 - b] : element[b];
            }

            if (type.Signed && size < 8 && (le[size - 1] & 0x80) != 0)
            {
                le[size..].Fill(0xFF);
            }

            if (!type.Signed && size == 8 && (le[7] & 0x80) != 0)
            {
                throw new SourceDataException($"{file.Path}: id at row {firstRow + i} is {BinaryPrimitives.ReadUInt64LittleEndian(le)}, beyond the int64 range");
            }

            output[i] = BinaryPrimitives.ReadInt64LittleEndian(le);
        }
    }

    /// <summary>Eight stored booleans become one byte, the first in the high bit; any non-zero byte is a set bit.</summary>
    private static void PackBits(ReadOnlySpan<byte> booleans, Span<byte> output)
    {
        for (int i = 0; i < output.Length; i++)
        {
            ReadOnlySpan<byte> eight = booleans.Slice(i * 8, 8);
            int packed = 0;
            for (int b = 0; b < 8; b++)
            {
                packed = (packed << 1) | (eight[b] != 0 ? 1 : 0);
            }

            output[i] = (byte)packed;
        }
    }
}
