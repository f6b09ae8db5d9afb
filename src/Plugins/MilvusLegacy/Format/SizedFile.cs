using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.MilvusLegacy.Format;

/// <summary>
/// The shape shared by every Milvus 1.x segment file this reader uses (<c>.rv</c>, <c>.uid</c>, <c>deleted_docs</c>):
/// a native <c>u64</c> payload byte count, then the payload. The count must equal the file length minus the
/// 8-byte header; anything else is a truncated or overwritten file.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="PayloadBytes">Bytes after the header.</param>
internal sealed record SizedFile(string Path, long PayloadBytes)
{
    public const int HeaderBytes = 8;

    /// <summary>Opens <paramref name="path"/> and checks its header against its length.</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What the file holds, for messages (e.g. "raw vectors").</param>
    /// <exception cref="SourceDataException">Missing, unreadable, shorter than its header, or a header that disagrees with the length.</exception>
    public static SizedFile Open(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new SourceDataException($"{path}: missing ({what} file of the segment)");
        }

        try
        {
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            long length = RandomAccess.GetLength(handle);
            if (length < HeaderBytes)
            {
                throw SourceDataException.At(path, 0, $"{length} bytes, shorter than the 8-byte size header of a {what} file");
            }

            Span<byte> header = stackalloc byte[HeaderBytes];
            ReadExactly(path, handle, header, 0);
            ulong declared = BinaryPrimitives.ReadUInt64LittleEndian(header);
            long actual = length - HeaderBytes;
            if (declared != (ulong)actual)
            {
                throw SourceDataException.At(path, 0, $"header says {declared} payload bytes but the file holds {actual} after the header (truncated or overwritten {what} file)");
            }

            return new SizedFile(path, actual);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SourceDataException($"{path}: cannot read: {e.Message}", e);
        }
    }

    /// <summary>Fills <paramref name="destination"/> from <paramref name="offset"/>; a short read means the file shrank.</summary>
    public static void ReadExactly(string path, SafeFileHandle handle, Span<byte> destination, long offset)
    {
        int done = 0;
        while (done < destination.Length)
        {
            int read = RandomAccess.Read(handle, destination[done..], offset + done);
            if (read == 0)
            {
                throw SourceDataException.At(path, offset + done, $"end of file while reading {destination.Length - done} more bytes (the file shrank while it was read: stop the Milvus server first)");
            }

            done += read;
        }
    }

    /// <summary>Opens the file for reading payload ranges.</summary>
    public SafeFileHandle OpenHandle()
    {
        try
        {
            return File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SourceDataException($"{Path}: cannot open: {e.Message}", e);
        }
    }
}
