namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>
/// Data layout message (0x0008), versions 3 and 4. For chunked data, <see cref="ChunkDims"/> excludes the trailing
/// element-size dimension the message stores.
/// </summary>
internal sealed record DataLayout(LayoutClass Class, ulong Address, ulong Size, byte[] CompactData, ulong[] ChunkDims, ChunkIndexType IndexType)
{
    public bool SingleChunkFiltered { get; init; }

    public ulong SingleChunkFilteredSize { get; init; }

    public uint SingleChunkFilterMask { get; init; }

    public int PageBits { get; init; }

    public byte[] ExtensibleArrayParameters { get; init; } = [];

    public static DataLayout Parse(ByteCursor c)
    {
        int version = c.U8();
        if (version is not (3 or 4))
        {
            throw c.Corrupt($"data layout version {version} is not supported (3 and 4 are; h5py never writes 1 or 2)");
        }

        var layoutClass = (LayoutClass)c.U8();
        switch (layoutClass)
        {
            case LayoutClass.Compact:
            {
                int size = c.U16();
                return new DataLayout(layoutClass, 0, (ulong)size, c.Bytes(size), [], ChunkIndexType.V1BTree);
            }

            case LayoutClass.Contiguous:
                return new DataLayout(layoutClass, c.Address(), c.LengthField(), [], [], ChunkIndexType.V1BTree);
            case LayoutClass.Chunked when version == 3:
            {
                int ndims = c.U8();
                ulong address = c.Address();
                ulong[] dims = ReadDims(c, ndims, 4);
                return new DataLayout(layoutClass, address, 0, [], dims, ChunkIndexType.V1BTree);
            }

            case LayoutClass.Chunked:
                return ParseV4Chunked(c);
            default:
                throw c.Corrupt($"data layout class {(int)layoutClass} ({layoutClass}) is not supported");
        }
    }

    private static DataLayout ParseV4Chunked(ByteCursor c)
    {
        int flags = c.U8();
        int ndims = c.U8();
        int dimSize = c.U8();
        if (dimSize is < 1 or > 8)
        {
            throw c.Corrupt($"chunk dimension size {dimSize} bytes is not between 1 and 8");
        }

        ulong[] dims = ReadDims(c, ndims, dimSize);
        var index = (ChunkIndexType)c.U8();
        var layout = new DataLayout(LayoutClass.Chunked, 0, 0, [], dims, index);
        switch (index)
        {
            case ChunkIndexType.SingleChunk:
                if ((flags & 2) != 0)
                {
                    layout = layout with { SingleChunkFiltered = true, SingleChunkFilteredSize = c.LengthField(), SingleChunkFilterMask = c.U32() };
                }

                break;
            case ChunkIndexType.Implicit:
                break;
            case ChunkIndexType.FixedArray:
                layout = layout with { PageBits = c.U8() };
                break;
            case ChunkIndexType.ExtensibleArray:
                layout = layout with { ExtensibleArrayParameters = c.Bytes(5) };
                break;
            case ChunkIndexType.V2BTree:
                c.Skip(6);
                break;
            default:
                throw c.Corrupt($"chunk index type {(int)index} is not supported");
        }

        return layout with { Address = c.Address() };
    }

    private static ulong[] ReadDims(ByteCursor c, int ndims, int size)
    {
        if (ndims is < 2 or > 33)
        {
            throw c.Corrupt($"chunked layout with {ndims} dimensions (rank + 1) is not plausible");
        }

        var dims = new ulong[ndims - 1];
        for (int i = 0; i < ndims - 1; i++)
        {
            dims[i] = c.Sized(size);
            if (dims[i] == 0)
            {
                throw c.Corrupt("a chunk dimension is 0");
            }
        }

        c.Skip(size); // the element size, known from the datatype
        return dims;
    }
}
