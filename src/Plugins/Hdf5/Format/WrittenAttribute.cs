using System.Buffers.Binary;
using System.Text;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>A scalar attribute the writer stores: a fixed-length ASCII/UTF-8 string or an int64.</summary>
internal sealed record WrittenAttribute(string Name, byte[] Datatype, byte[] Value)
{
    public static WrittenAttribute Text(string name, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length == 0)
        {
            bytes = [0];
        }

        // Class 3 (string) version 1, null-padded, ASCII or UTF-8 charset.
        bool ascii = bytes.All(b => b < 0x80);
        byte[] type = [0x13, (byte)(0x01 | (ascii ? 0x00 : 0x10)), 0, 0, 0, 0, 0, 0];
        BinaryPrimitives.WriteInt32LittleEndian(type.AsSpan(4), bytes.Length);
        return new WrittenAttribute(name, type, bytes);
    }

    public static WrittenAttribute Int64(string name, long value)
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return new WrittenAttribute(name, WrittenDataset.Int64Type, bytes);
    }
}
