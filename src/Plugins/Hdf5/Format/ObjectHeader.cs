using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>An object header (v1, or v2 "OHDR") with its continuation blocks, flattened into its messages.</summary>
internal sealed class ObjectHeader
{
    /// <summary>Continuation chains longer than this are treated as a loop in a corrupt file.</summary>
    private const int MaxBlocks = 4096;

    private ObjectHeader(ulong address, List<HeaderMessage> messages)
    {
        Address = address;
        Messages = messages;
    }

    public ulong Address { get; }

    public IReadOnlyList<HeaderMessage> Messages { get; }

    public HeaderMessage? Find(int type) => Messages.FirstOrDefault(m => m.Type == type);

    public IEnumerable<HeaderMessage> All(int type) => Messages.Where(m => m.Type == type);

    public static ObjectHeader Read(Hdf5File file, ulong address)
    {
        long at = file.Absolute(address, "object header");
        byte[] probe = file.ReadExact(at, Math.Min(4, file.Length - at), "object header");
        var messages = new List<HeaderMessage>();
        if (probe.Length == 4 && probe[0] == 'O' && probe[1] == 'H' && probe[2] == 'D' && probe[3] == 'R')
        {
            ReadV2(file, address, messages);
        }
        else
        {
            ReadV1(file, address, messages);
        }

        return new ObjectHeader(address, messages);
    }

    private static void ReadV1(Hdf5File file, ulong address, List<HeaderMessage> messages)
    {
        ByteCursor prefix = file.Cursor(address, 16, "object header");
        int version = prefix.U8();
        if (version != 1)
        {
            throw prefix.Corrupt($"object header version {version} is not supported (1, or 2 with signature OHDR)");
        }

        prefix.Skip(1);
        int count = prefix.U16();
        prefix.Skip(4); // reference count
        uint size = prefix.U32();
        var blocks = new Queue<(ulong Address, long Size)>();
        blocks.Enqueue((address + 16, size));
        int seen = 0;
        while (blocks.Count > 0 && seen < count)
        {
            (ulong blockAddress, long blockSize) = blocks.Dequeue();
            if (messages.Count + blocks.Count > MaxBlocks * 64)
            {
                throw prefix.Corrupt("object header has too many messages");
            }

            ByteCursor c = file.Cursor(blockAddress, blockSize, "object header block");
            while (c.Remaining >= 8 && seen < count)
            {
                int type = c.U16();
                int bodySize = c.U16();
                int flags = c.U8();
                c.Skip(3);
                long bodyAt = c.Here;
                byte[] body = c.Bytes(bodySize);
                seen++;
                Add(file, messages, blocks, new HeaderMessage(type, flags, body, bodyAt), version1: true);
            }
        }
    }

    private static void ReadV2(Hdf5File file, ulong address, List<HeaderMessage> messages)
    {
        ByteCursor head = file.CursorUpTo(address, 64, "object header");
        head.Signature("OHDR");
        int version = head.U8();
        if (version != 2)
        {
            throw head.Corrupt($"OHDR version {version} is not supported (2 is)");
        }

        int flags = head.U8();
        if ((flags & 0x20) != 0)
        {
            head.Skip(16);
        }

        if ((flags & 0x10) != 0)
        {
            head.Skip(4);
        }

        int sizeBytes = 1 << (flags & 3);
        ulong chunkSize = head.Sized(sizeBytes);
        int prefixLength = head.Position;
        bool creationOrder = (flags & 0x04) != 0;
        ByteCursor block = file.Cursor(address, prefixLength + (long)Math.Min(chunkSize, (ulong)file.Length) + 4, "object header");
        block.Position = prefixLength + (int)chunkSize;
        block.Checksum();
        block.Position = prefixLength;
        var pending = new Queue<(ulong Address, long Size)>();
        ReadV2Messages(file, block, prefixLength + (int)chunkSize, creationOrder, messages, pending);
        int blocks = 0;
        while (pending.Count > 0)
        {
            if (++blocks > MaxBlocks)
            {
                throw block.Corrupt("object header continuation blocks form a loop");
            }

            (ulong continuation, long size) = pending.Dequeue();
            ByteCursor c = file.Cursor(continuation, size, "object header continuation block");
            c.Signature("OCHK");
            c.Position = (int)size - 4;
            c.Checksum();
            c.Position = 4;
            ReadV2Messages(file, c, (int)size - 4, creationOrder, messages, pending);
        }
    }

    private static void ReadV2Messages(Hdf5File file, ByteCursor c, int end, bool creationOrder, List<HeaderMessage> messages, Queue<(ulong, long)> pending)
    {
        int headerSize = creationOrder ? 6 : 4;

        // A gap smaller than a message header may precede the checksum.
        while (end - c.Position >= headerSize)
        {
            int type = c.U8();
            int bodySize = c.U16();
            int flags = c.U8();
            if (creationOrder)
            {
                c.Skip(2);
            }

            if (bodySize > end - c.Position)
            {
                throw c.Corrupt($"message of {bodySize} bytes runs past the end of its object header block");
            }

            long bodyAt = c.Here;
            byte[] body = c.Bytes(bodySize);
            Add(file, messages, pending, new HeaderMessage(type, flags, body, bodyAt), version1: false);
        }
    }

    private static void Add(Hdf5File file, List<HeaderMessage> messages, Queue<(ulong, long)> pending, HeaderMessage message, bool version1)
    {
        if ((message.Flags & 0x02) != 0 && message.Type != HeaderMessage.Nil)
        {
            throw SourceDataException.At(file.Path, message.FileOffset, $"shared object header message (type {message.Type}) is not supported");
        }

        if (message.Type == HeaderMessage.Continuation)
        {
            ByteCursor c = message.Cursor(file, "continuation message");
            ulong address = c.Address();
            ulong length = c.LengthField();
            if (length > (ulong)file.Length || length < (version1 ? 0UL : 8UL))
            {
                throw SourceDataException.At(file.Path, message.FileOffset, $"continuation block of {length} bytes does not fit in the file");
            }

            pending.Enqueue((address, (long)length));
            return;
        }

        if ((message.Flags & 0x08) != 0 && !Known(message.Type))
        {
            throw SourceDataException.At(file.Path, message.FileOffset, $"object header message type {message.Type} must be understood to read this object, and it is not supported");
        }

        messages.Add(message);
    }

    private static bool Known(int type) => type is HeaderMessage.Dataspace or HeaderMessage.LinkInfo or HeaderMessage.Datatype
        or HeaderMessage.FillValue or HeaderMessage.FillValueOld or HeaderMessage.Link or HeaderMessage.Layout or HeaderMessage.GroupInfo
        or HeaderMessage.FilterPipeline or HeaderMessage.Attribute or HeaderMessage.SymbolTable or HeaderMessage.AttributeInfo;
}
