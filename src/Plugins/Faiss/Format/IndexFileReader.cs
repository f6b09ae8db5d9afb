using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>
/// Sequential, buffered reads of the structure of an index file (headers, counts, small vectors). Payloads are
/// never read through here: the parser only records their offsets and skips them, so memory stays bounded by the
/// buffer whatever the file size. Every problem becomes a <see cref="SourceDataException"/> naming the file, the
/// byte offset and what was expected.
/// </summary>
internal sealed class IndexFileReader : IDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly SafeFileHandle _handle;
    private readonly byte[] _buffer = new byte[BufferSize];
    private long _bufferStart;
    private int _bufferLength;

    private IndexFileReader(string path, SafeFileHandle handle)
    {
        Path = path;
        _handle = handle;
        Length = RandomAccess.GetLength(handle);
    }

    /// <summary>The file, for messages.</summary>
    public string Path { get; }

    /// <summary>File length in bytes.</summary>
    public long Length { get; }

    /// <summary>Offset of the next byte to read.</summary>
    public long Position { get; private set; }

    /// <summary>Bytes between <see cref="Position"/> and the end of the file.</summary>
    public long Remaining => Length - Position;

    public static IndexFileReader Open(string path)
    {
        try
        {
            return new IndexFileReader(path, File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SourceDataException($"{path}: cannot open: {e.Message}", e);
        }
    }

    /// <summary>Moves to <paramref name="position"/> (within the file).</summary>
    public void Seek(long position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(position, Length);
        Position = position;
    }

    public SourceDataException Error(long offset, string problem) => SourceDataException.At(Path, offset, problem);

    public uint ReadFourcc(string what)
    {
        Span<byte> bytes = stackalloc byte[4];
        Fill(bytes, what);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    public byte ReadByte(string what)
    {
        Span<byte> bytes = stackalloc byte[1];
        Fill(bytes, what);
        return bytes[0];
    }

    public bool ReadBool(string what)
    {
        long at = Position;
        byte value = ReadByte(what);
        return value switch
        {
            0 => false,
            1 => true,
            _ => throw Error(at, $"expected {what} (a bool, 0 or 1), found {value}"),
        };
    }

    public int ReadInt32(string what)
    {
        Span<byte> bytes = stackalloc byte[4];
        Fill(bytes, what);
        return BinaryPrimitives.ReadInt32LittleEndian(bytes);
    }

    public float ReadSingle(string what)
    {
        Span<byte> bytes = stackalloc byte[4];
        Fill(bytes, what);
        return BinaryPrimitives.ReadSingleLittleEndian(bytes);
    }

    public long ReadInt64(string what)
    {
        Span<byte> bytes = stackalloc byte[8];
        Fill(bytes, what);
        return BinaryPrimitives.ReadInt64LittleEndian(bytes);
    }

    /// <summary>Reads a <c>size_t</c> that must fit an <see cref="long"/> (any real count or size does).</summary>
    public long ReadSize(string what)
    {
        long at = Position;
        Span<byte> bytes = stackalloc byte[8];
        Fill(bytes, what);
        ulong value = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return value <= long.MaxValue ? (long)value : throw Error(at, $"expected {what}, found the impossible value {value}");
    }

    /// <summary>
    /// Reads the element count of a <c>READVECTOR</c> and checks that <paramref name="elementSize"/>-byte elements
    /// of that count fit in what is left of the file (so no later allocation can be driven by a corrupt count).
    /// </summary>
    public long ReadCount(int elementSize, string what)
    {
        long at = Position;
        long count = ReadSize($"the element count of {what}");
        CheckFits(at, count, elementSize, what);
        return count;
    }

    /// <summary>Throws unless <paramref name="count"/> elements of <paramref name="elementSize"/> bytes fit from <see cref="Position"/>.</summary>
    public void CheckFits(long reportAt, long count, long elementSize, string what)
    {
        if (count < 0 || (elementSize > 0 && count > Remaining / elementSize))
        {
            throw Error(reportAt, $"{what} claims {count} elements of {elementSize} bytes, but only {Remaining} bytes remain in the file ({Length} bytes)");
        }
    }

    /// <summary>Skips a <c>READVECTOR</c>: count, then count elements.</summary>
    public long SkipVector(int elementSize, string what)
    {
        long count = ReadCount(elementSize, what);
        Skip(count * elementSize, what);
        return count;
    }

    public void Skip(long bytes, string what)
    {
        if (bytes < 0 || bytes > Remaining)
        {
            throw Error(Position, $"expected {bytes} bytes of {what}, but the file ends at byte {Length}");
        }

        Position += bytes;
    }

    public byte[] ReadBytes(long count, string what)
    {
        CheckFits(Position, count, 1, what);
        var bytes = new byte[count];
        Fill(bytes, what);
        return bytes;
    }

    private void Fill(Span<byte> destination, string what)
    {
        if (destination.Length > Remaining)
        {
            throw Error(Position, $"expected {what} ({destination.Length} bytes), but the file ends at byte {Length}");
        }

        while (!destination.IsEmpty)
        {
            long inBuffer = Position - _bufferStart;
            if (inBuffer < 0 || inBuffer >= _bufferLength)
            {
                Refill();
                inBuffer = 0;
            }

            int take = Math.Min(destination.Length, _bufferLength - (int)inBuffer);
            _buffer.AsSpan((int)inBuffer, take).CopyTo(destination);
            destination = destination[take..];
            Position += take;
        }
    }

    private void Refill()
    {
        _bufferStart = Position;
        _bufferLength = RandomAccess.Read(_handle, _buffer, Position);
        if (_bufferLength <= 0)
        {
            throw Error(Position, $"unexpected end of file (the file shrank while it was read)");
        }
    }

    public void Dispose() => _handle.Dispose();
}
