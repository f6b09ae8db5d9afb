using System.Buffers.Binary;
using System.Text;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>
/// Writes variable-length strings as libhdf5 does: into global heap collections ("GCOL", at least 4 KiB each, objects
/// 8-byte aligned, the unused tail described by free-space object 0), streamed to a side file. Element references
/// carry collection offsets within that side file; <see cref="Relocate"/> turns them into file addresses once the
/// side file's place in the final file is known.
/// </summary>
internal sealed class GlobalHeapWriter : IDisposable
{
    private const int HeaderSize = 16;
    private const int ObjectHeaderSize = 16;
    private const int MinCollectionSize = 4096;

    /// <summary>Collections are closed at about this size (a larger string gets a collection of its own).</summary>
    private const int TargetCollectionSize = 1 << 20;

    private readonly FileStream _side;
    private byte[] _collection = new byte[MinCollectionSize];
    private int _used = HeaderSize;
    private int _nextIndex = 1;

    public GlobalHeapWriter(string sidePath)
    {
        _side = new FileStream(sidePath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
    }

    /// <summary>Bytes of collections written so far (after <see cref="Finish"/>, all of them).</summary>
    public long Length => _side.Length;

    /// <summary>Stores a string (null as empty, as the null mask records it) and writes its 16-byte reference.</summary>
    public void Add(string? value, Span<byte> reference)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value ?? "");
        int need = ObjectHeaderSize + Align(bytes.Length);
        if (_nextIndex > ushort.MaxValue || (_used > HeaderSize && _used + need > TargetCollectionSize))
        {
            Flush();
        }

        if (_collection.Length < _used + need)
        {
            Array.Resize(ref _collection, Math.Max(_collection.Length * 2, _used + need));
        }

        Span<byte> o = _collection.AsSpan(_used, need);
        o.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(o, (ushort)_nextIndex);
        BinaryPrimitives.WriteInt64LittleEndian(o[8..], bytes.Length);
        bytes.CopyTo(o[ObjectHeaderSize..]);

        // Empty strings get an object too (as h5py stores them), so every reference points at a real collection.
        BinaryPrimitives.WriteUInt32LittleEndian(reference, (uint)bytes.Length);
        BinaryPrimitives.WriteInt64LittleEndian(reference[4..], _side.Position);
        BinaryPrimitives.WriteUInt32LittleEndian(reference[12..], (uint)_nextIndex);
        _used += need;
        _nextIndex++;
    }

    /// <summary>Closes the open collection.</summary>
    public void Finish()
    {
        if (_used > HeaderSize)
        {
            Flush();
        }
    }

    /// <summary>Adds <paramref name="baseAddress"/> (where the side file starts in the final file) to each reference's collection address.</summary>
    public static void Relocate(Span<byte> references, long baseAddress)
    {
        for (int at = 0; at + WrittenDataset.VariableLengthElementSize <= references.Length; at += WrittenDataset.VariableLengthElementSize)
        {
            Span<byte> address = references.Slice(at + 4, 8);
            BinaryPrimitives.WriteInt64LittleEndian(address, BinaryPrimitives.ReadInt64LittleEndian(address) + baseAddress);
        }
    }

    public void CopyTo(Stream destination)
    {
        _side.Position = 0;
        _side.CopyTo(destination);
    }

    public void Dispose() => _side.Dispose();

    private void Flush()
    {
        int size = Math.Max(MinCollectionSize, _used);
        if (_collection.Length < size)
        {
            Array.Resize(ref _collection, size);
        }

        Span<byte> c = _collection.AsSpan(0, size);
        c[_used..].Clear();
        "GCOL"u8.CopyTo(c);
        c[4] = 1;
        BinaryPrimitives.WriteInt64LittleEndian(c[8..], size);

        // The rest is free space (object 0, its size counting its own header); a tail too small for a header is
        // just padding, as libhdf5 reads it.
        if (size - _used >= ObjectHeaderSize)
        {
            BinaryPrimitives.WriteInt64LittleEndian(c[(_used + 8)..], size - _used);
        }

        _side.Write(c);
        _used = HeaderSize;
        _nextIndex = 1;
    }

    private static int Align(int value) => (value + 7) & ~7;
}
