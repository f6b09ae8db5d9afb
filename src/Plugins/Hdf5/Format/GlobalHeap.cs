using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>
/// A global heap collection "GCOL", parsed once: holds variable-length data such as h5py's str attributes and str
/// datasets (one collection serves many consecutive strings, so readers keep the last one).
/// </summary>
internal sealed class GlobalHeap
{
    private readonly ByteCursor _data;
    private readonly Dictionary<uint, (int Offset, int Length)> _objects;

    private GlobalHeap(ulong address, ByteCursor data, Dictionary<uint, (int, int)> objects)
    {
        Address = address;
        _data = data;
        _objects = objects;
    }

    public ulong Address { get; }

    public static byte[] Object(Hdf5File file, ulong collection, uint index) => Read(file, collection).Object(index).ToArray();

    public static GlobalHeap Read(Hdf5File file, ulong collection)
    {
        ByteCursor head = file.Cursor(collection, 8 + file.LengthSize, "global heap collection");
        head.Signature("GCOL");
        int version = head.U8();
        if (version != 1)
        {
            throw head.Corrupt($"global heap version {version} is not supported (1 is)");
        }

        head.Skip(3);
        ulong size = head.LengthField();
        if (size > (ulong)file.Length)
        {
            throw head.Corrupt($"global heap collection of {size} bytes is larger than the file");
        }

        ByteCursor c = file.Cursor(collection, (long)size, "global heap collection");
        c.Position = 8 + file.LengthSize;
        var objects = new Dictionary<uint, (int, int)>();
        while (c.Remaining >= 8 + file.LengthSize)
        {
            int id = c.U16();
            c.Skip(6);
            ulong length = c.LengthField();
            if (id == 0)
            {
                break; // free space: the rest of the collection
            }

            if (length > (ulong)c.Remaining)
            {
                throw c.Corrupt($"global heap object {id} of {length} bytes runs past its collection");
            }

            objects[(uint)id] = (c.Position, (int)length);
            c.Skip((int)Math.Min((ulong)c.Remaining, (length + 7) & ~7UL));
        }

        return new GlobalHeap(collection, c, objects);
    }

    public ReadOnlySpan<byte> Object(uint index) => _objects.TryGetValue(index, out (int Offset, int Length) o)
        ? _data.Data.AsSpan(o.Offset, o.Length)
        : throw SourceDataExceptionAt($"global heap object {index} not found");

    private SourceDataException SourceDataExceptionAt(string problem) =>
        SourceDataException.At(_data.File.Path, _data.FileOffset, problem);
}
