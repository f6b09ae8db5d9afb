using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>The superblock: versions 0/1 (root = a symbol-table entry) and 2/3 (root = an object header address).</summary>
internal sealed record Superblock(int Version, int OffsetSize, int LengthSize, long BaseAddress, ulong EndOfFile, ulong RootObjectHeader)
{
    public static ReadOnlySpan<byte> Signature => [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A];

    public static Superblock Find(Hdf5File file)
    {
        // The superblock may follow a user block: it is searched at 0, 512, 1024, 2048, ...
        for (long at = 0; at + 8 <= file.Length; at = at == 0 ? 512 : at * 2)
        {
            byte[] head = file.ReadExact(at, 8, "superblock signature");
            if (head.AsSpan().SequenceEqual(Signature))
            {
                return Parse(file, at);
            }
        }

        throw SourceDataException.At(file.Path, 0, "not an HDF5 file: no HDF5 signature at 0, 512, 1024, ...");
    }

    private static Superblock Parse(Hdf5File file, long at)
    {
        ByteCursor head = file.CursorAt(at, Math.Min(16, file.Length - at), "superblock");
        head.Skip(8);
        int version = head.U8();
        return version switch
        {
            0 or 1 => ParseV0(file, at, version),
            2 or 3 => ParseV2(file, at, version),
            _ => throw SourceDataException.At(file.Path, at + 8, $"superblock version {version} is not supported (0 to 3 are)"),
        };
    }

    private static Superblock ParseV0(Hdf5File file, long at, int version)
    {
        ByteCursor c = file.CursorAt(at, Math.Min(24, file.Length - at), "superblock");
        c.Skip(13);
        int offsetSize = CheckSize(file, c, c.U8(), "offsets");
        int lengthSize = CheckSize(file, c, c.U8(), "lengths");
        int fixedPart = 24 + (version == 1 ? 4 : 0);
        int total = fixedPart + (4 * offsetSize) + offsetSize + offsetSize + 8 + 16;
        c = file.CursorAt(at, total, "superblock");
        c.Position = fixedPart;
        ulong baseAddress = c.Sized(offsetSize);
        c.Skip(offsetSize); // free-space info
        ulong eof = c.Sized(offsetSize);
        c.Skip(offsetSize); // driver info
        c.Skip(offsetSize); // root entry: link name offset
        ulong root = c.Sized(offsetSize);
        return Checked(file, new Superblock(version, offsetSize, lengthSize, (long)baseAddress, eof, root), at);
    }

    private static Superblock ParseV2(Hdf5File file, long at, int version)
    {
        ByteCursor c = file.CursorAt(at, Math.Min(12, file.Length - at), "superblock");
        c.Skip(9);
        int offsetSize = CheckSize(file, c, c.U8(), "offsets");
        int lengthSize = CheckSize(file, c, c.U8(), "lengths");
        int total = 12 + (4 * offsetSize) + 4;
        c = file.CursorAt(at, total, "superblock");
        c.Position = 12;
        ulong baseAddress = c.Sized(offsetSize);
        c.Skip(offsetSize); // superblock extension
        ulong eof = c.Sized(offsetSize);
        ulong root = c.Sized(offsetSize);
        c.Checksum();
        return Checked(file, new Superblock(version, offsetSize, lengthSize, (long)baseAddress, eof, root), at);
    }

    private static Superblock Checked(Hdf5File file, Superblock block, long at)
    {
        if (block.BaseAddress < 0 || block.BaseAddress > at)
        {
            throw SourceDataException.At(file.Path, at, $"base address {block.BaseAddress} lies after the superblock");
        }

        // libhdf5 stores the end of file as an absolute size (a file with a user block included); a shorter file
        // was truncated, e.g. a copy that stopped early.
        if (block.EndOfFile != Hdf5File.Undefined && block.EndOfFile > (ulong)file.Length)
        {
            throw SourceDataException.At(file.Path, file.Length, $"the file is truncated: its superblock says it ends at byte {block.EndOfFile}");
        }

        return block;
    }

    private static int CheckSize(Hdf5File file, ByteCursor c, int size, string what) =>
        size is 2 or 4 or 8
            ? size
            : throw SourceDataException.At(file.Path, c.Here - 1, $"size of {what} is {size}; 2, 4 or 8 was expected");
}
