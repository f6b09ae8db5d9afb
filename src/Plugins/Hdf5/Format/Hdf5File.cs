using Microsoft.Win32.SafeHandles;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>
/// An open HDF5 file: the superblock, bounded reads of structures, and object lookup by path. Every read is
/// checked against the file length first, so a corrupt size never turns into a huge allocation.
/// </summary>
internal sealed class Hdf5File : IDisposable
{
    public const ulong Undefined = ulong.MaxValue;

    /// <summary>Metadata structures are small; anything claiming more than this is corrupt.</summary>
    private const int MaxStructureBytes = 64 * 1024 * 1024;

    private readonly SafeFileHandle _handle;

    private Hdf5File(string path, SafeFileHandle handle)
    {
        Path = path;
        _handle = handle;
        Length = RandomAccess.GetLength(handle);
    }

    public string Path { get; }

    public long Length { get; }

    public int OffsetSize { get; private set; } = 8;

    public int LengthSize { get; private set; } = 8;

    public Superblock Superblock { get; private set; } = null!;

    public static Hdf5File Open(string path)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SourceDataException($"{path}: cannot open: {e.Message}", e);
        }

        var file = new Hdf5File(path, handle);
        try
        {
            file.Superblock = Superblock.Find(file);
            file.OffsetSize = file.Superblock.OffsetSize;
            file.LengthSize = file.Superblock.LengthSize;
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>True when the file starts (or a user block is followed) by the HDF5 signature.</summary>
    public static bool HasSignature(string path)
    {
        try
        {
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            long length = RandomAccess.GetLength(handle);
            Span<byte> head = stackalloc byte[8];
            for (long at = 0; at + 8 <= length; at = at == 0 ? 512 : at * 2)
            {
                if (RandomAccess.Read(handle, head, at) == 8 && head.SequenceEqual(Superblock.Signature))
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        return false;
    }

    /// <summary>Converts a relative address to an absolute file offset.</summary>
    public long Absolute(ulong address, string what)
    {
        if (address == Undefined)
        {
            throw new SourceDataException($"{Path}: {what} has an undefined address");
        }

        ulong absolute = address + (ulong)Superblock.BaseAddress;
        if (absolute < address || absolute >= (ulong)Length)
        {
            throw new SourceDataException($"{Path}: {what} at address {address} lies beyond the end of the file ({Length} bytes)");
        }

        return (long)absolute;
    }

    /// <summary>Reads a metadata structure of a known size at a relative address.</summary>
    public ByteCursor Cursor(ulong address, long size, string what) => CursorAt(Absolute(address, what), size, what);

    /// <summary>Reads a metadata structure, but never past the end of the file: for structures whose size is in their header.</summary>
    public ByteCursor CursorUpTo(ulong address, long maxSize, string what)
    {
        long at = Absolute(address, what);
        return CursorAt(at, Math.Min(maxSize, Length - at), what);
    }

    public ByteCursor CursorAt(long offset, long size, string what)
    {
        if (size > MaxStructureBytes)
        {
            throw SourceDataException.At(Path, offset, $"{what} claims {size} bytes, more than any metadata structure needs");
        }

        return new ByteCursor(this, ReadExact(offset, size, what), offset, what);
    }

    /// <summary>Reads raw bytes (chunk or contiguous data) at an absolute offset, checked against the file length.</summary>
    public byte[] ReadExact(long offset, long size, string what)
    {
        CheckRange(offset, size, what);
        byte[] buffer = new byte[size];
        ReadInto(offset, buffer, what);
        return buffer;
    }

    public void ReadInto(long offset, Span<byte> destination, string what)
    {
        CheckRange(offset, destination.Length, what);
        int done = 0;
        while (done < destination.Length)
        {
            int read = RandomAccess.Read(_handle, destination[done..], offset + done);
            if (read <= 0)
            {
                throw SourceDataException.At(Path, offset + done, $"{what}: the file ended early");
            }

            done += read;
        }
    }

    public void CheckRange(long offset, long size, string what)
    {
        if (offset < 0 || size < 0 || offset > Length || size > Length - offset)
        {
            throw SourceDataException.At(Path, offset, $"{what} needs {size} bytes but the file is {Length} bytes long");
        }
    }

    public void Dispose() => _handle.Dispose();
}
