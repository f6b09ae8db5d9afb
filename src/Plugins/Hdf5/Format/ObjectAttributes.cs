using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>An object's attributes wherever they are stored: attribute messages in its header, or dense storage.</summary>
internal static class ObjectAttributes
{
    /// <summary>Type 8 records: heap ID (8 bytes), message flags (1), creation order (4), name hash (4).</summary>
    private const int HeapIdSize = 8;

    public static IReadOnlyList<AttributeMessage> Read(Hdf5File file, ObjectHeader header)
    {
        var attributes = header.All(HeaderMessage.Attribute).Select(m => AttributeMessage.Parse(m.Cursor(file, "attribute message"))).ToList();
        if (header.Find(HeaderMessage.AttributeInfo) is not { } message
            || DenseStorage.ParseAttributeInfo(message.Cursor(file, "attribute info message")) is not { Dense: true } info)
        {
            return attributes;
        }

        var heap = FractalHeap.Read(file, info.FractalHeap);
        var names = V2BTree.Read(file, info.NameIndex);
        if (names.Type != 8)
        {
            throw SourceDataException.At(file.Path, file.Absolute(info.NameIndex, "attribute name index"), $"attribute name index is a v2 B-tree of type {names.Type}; type 8 was expected");
        }

        foreach (ByteCursor record in names.Records())
        {
            long at = record.Here;
            ReadOnlySpan<byte> id = record.Take(HeapIdSize);
            int flags = record.U8();
            if ((flags & 0x02) != 0)
            {
                throw SourceDataException.At(file.Path, at, "shared attribute messages are not supported");
            }

            attributes.Add(AttributeMessage.Parse(heap.Object(id, at)));
        }

        return attributes;
    }
}
