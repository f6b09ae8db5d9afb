using System.Buffers.Binary;
using System.Text;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>Encodes version 1 object headers: a dataset's (dataspace, datatype, fill value, contiguous layout, attributes).</summary>
internal static class ObjectHeaderWriter
{
    private const ulong Undefined = ulong.MaxValue;

    public static void Prefix(Span<byte> b, int messages, int size)
    {
        b[0] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(b[2..], (ushort)messages);
        BinaryPrimitives.WriteUInt32LittleEndian(b[4..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(b[8..], (uint)size);
    }

    public static void MessageHeader(Span<byte> b, int type, int size)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)type);
        BinaryPrimitives.WriteUInt16LittleEndian(b[2..], (ushort)size);
    }

    /// <summary>The dataset's object header; <paramref name="address"/> &lt; 0 leaves the data unallocated (no rows).</summary>
    public static byte[] Dataset(WrittenDataset d, long address, long rows)
    {
        var messages = new List<(int Type, byte[] Body)>();
        int rank = d.Rank;
        byte[] space = new byte[8 + (8 * rank)];
        space[0] = 1;
        space[1] = (byte)rank;
        BinaryPrimitives.WriteInt64LittleEndian(space.AsSpan(8), rows);
        if (rank == 2)
        {
            BinaryPrimitives.WriteInt64LittleEndian(space.AsSpan(16), d.Columns);
        }

        messages.Add((HeaderMessage.Dataspace, space));
        messages.Add((HeaderMessage.Datatype, d.Datatype));
        messages.Add((HeaderMessage.FillValue, [2, 2, 2, 0]));
        byte[] layout = new byte[18];
        layout[0] = 3;
        layout[1] = 1;
        BinaryPrimitives.WriteUInt64LittleEndian(layout.AsSpan(2), address < 0 ? Undefined : (ulong)address);
        BinaryPrimitives.WriteInt64LittleEndian(layout.AsSpan(10), rows * d.RowBytes);
        messages.Add((HeaderMessage.Layout, layout));
        foreach (WrittenAttribute attribute in d.Attributes)
        {
            messages.Add((HeaderMessage.Attribute, Attribute(attribute)));
        }

        int size = messages.Sum(m => 8 + Align(m.Body.Length));
        byte[] header = new byte[16 + size];
        Prefix(header, messages.Count, size);
        int at = 16;
        foreach ((int type, byte[] body) in messages)
        {
            int padded = Align(body.Length);
            MessageHeader(header.AsSpan(at), type, padded);
            body.CopyTo(header.AsSpan(at + 8));
            at += 8 + padded;
        }

        return header;
    }

    /// <summary>Attribute message v1: name, datatype and dataspace each padded to 8 bytes, then the value.</summary>
    private static byte[] Attribute(WrittenAttribute a)
    {
        byte[] name = Encoding.UTF8.GetBytes(a.Name + "\0");
        byte[] scalar = [1, 0, 0, 0, 0, 0, 0, 0];
        int size = 8 + Align(name.Length) + Align(a.Datatype.Length) + scalar.Length + a.Value.Length;
        byte[] body = new byte[size];
        body[0] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), (ushort)name.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(4), (ushort)a.Datatype.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(6), (ushort)scalar.Length);
        int at = 8;
        name.CopyTo(body, at);
        at += Align(name.Length);
        a.Datatype.CopyTo(body, at);
        at += Align(a.Datatype.Length);
        scalar.CopyTo(body, at);
        at += scalar.Length;
        a.Value.CopyTo(body, at);
        return body;
    }

    private static int Align(int value) => (value + 7) & ~7;
}
