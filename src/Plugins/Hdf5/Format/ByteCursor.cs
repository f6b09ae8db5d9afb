using System.Buffers.Binary;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>
/// Little-endian field reader over one structure read from the file. Running past the end of the structure is
/// reported as corrupt input at the file offset where the missing field would be.
/// </summary>
internal sealed class ByteCursor(Hdf5File file, byte[] data, long fileOffset, string structure)
{
    public int Position { get; set; }

    public int Remaining => data.Length - Position;

    public int Length => data.Length;

    public byte[] Data => data;

    public long FileOffset => fileOffset;

    public long Here => fileOffset + Position;

    public string Structure => structure;

    public Hdf5File File => file;

    public byte U8() => Take(1)[0];

    public ushort U16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong U64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>An unsigned little-endian integer of 1 to 8 bytes.</summary>
    public ulong Sized(int size)
    {
        ReadOnlySpan<byte> bytes = Take(size);
        ulong value = 0;
        for (int i = size - 1; i >= 0; i--)
        {
            value = (value << 8) | bytes[i];
        }

        return value;
    }

    /// <summary>A file address (size of offsets); all bits set means "undefined".</summary>
    public ulong Address() => Sized(file.OffsetSize);

    public ulong LengthField() => Sized(file.LengthSize);

    public ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw Corrupt($"{structure} ends after {data.Length} bytes; {count} more were expected at this point");
        }

        ReadOnlySpan<byte> span = data.AsSpan(Position, count);
        Position += count;
        return span;
    }

    public byte[] Bytes(int count) => Take(count).ToArray();

    public void Skip(int count) => Take(count);

    public void Signature(string expected)
    {
        long at = Here;
        ReadOnlySpan<byte> actual = Take(expected.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (actual[i] != expected[i])
            {
                throw SourceDataException.At(file.Path, at, $"expected the {structure} signature '{expected}'");
            }
        }
    }

    /// <summary>Checks the lookup3 checksum stored right after the bytes read so far (which it covers from the start).</summary>
    public void Checksum()
    {
        int covered = Position;
        long at = Here;
        uint stored = U32();
        uint computed = Lookup3.Hash(data.AsSpan(0, covered));
        if (stored != computed)
        {
            throw SourceDataException.At(file.Path, at, $"{structure} checksum mismatch (stored {stored:x8}, computed {computed:x8})");
        }
    }

    public SourceDataException Corrupt(string problem) => SourceDataException.At(file.Path, Here, problem);
}
