using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>
/// Walks an index file the way Faiss <c>read_index</c>/<c>read_index_binary</c> do, recording where payloads are
/// instead of loading them. Types that cannot be walked stop the parse with a message naming them.
/// </summary>
internal static class IndexParser
{
    /// <summary>Nesting limit, as in recent Faiss: a corrupt file must not recurse without bound.</summary>
    public const int MaxDepth = 50;

    /// <summary>Parses the whole file; <paramref name="reader"/> ends after the last structure.</summary>
    public static FaissIndex ParseFile(IndexFileReader reader)
    {
        if (reader.Length == 0)
        {
            throw reader.Error(0, "expected a Faiss index type code (fourcc), but the file is empty");
        }

        uint code = PeekRootCode(reader);
        IndexTypeInfo? type = IndexTypes.Find(code);
        return type is { Binary: true } ? ReadBinaryIndex(reader, 0) : ReadIndex(reader, 0);
    }

    private static uint PeekRootCode(IndexFileReader reader)
    {
        uint code = reader.ReadFourcc("a Faiss index type code (fourcc)");
        reader.Seek(0);
        return code;
    }

    /// <summary>A float index (<c>read_index</c>), or <c>null</c> for the "null" marker.</summary>
    public static FaissIndex? ReadIndexOrNull(IndexFileReader reader, int depth)
    {
        long at = reader.Position;
        uint code = reader.ReadFourcc("an index type code (fourcc)");
        return code == FourCC.Null ? null : ReadIndexBody(reader, code, at, depth);
    }

    public static FaissIndex ReadIndex(IndexFileReader reader, int depth)
    {
        long at = reader.Position;
        uint code = reader.ReadFourcc("an index type code (fourcc)");
        return code == FourCC.Null
            ? throw reader.Error(at, "expected an index, found the 'null' marker")
            : ReadIndexBody(reader, code, at, depth);
    }

    private static FaissIndex ReadIndexBody(IndexFileReader reader, uint code, long at, int depth)
    {
        if (depth > MaxDepth)
        {
            throw reader.Error(at, $"indexes nested deeper than {MaxDepth} levels");
        }

        IndexTypeInfo type = KnownType(reader, code, at, binary: false);
        switch (type.Code)
        {
            case "IxF2" or "IxFI" or "IxFl":
                return ReadFlat(reader, IndexHeader.ReadFloat(reader, type, at));
            case "IxMp" or "IxM2":
            {
                IndexHeader header = IndexHeader.ReadFloat(reader, type, at);
                FaissIndex inner = ReadIndex(reader, depth + 1);
                return ReadIdMap(reader, header, inner);
            }

            case "IwFl":
                return IvfReader.ReadIvfFlat(reader, IndexHeader.ReadFloat(reader, type, at), depth);
            case "IvFl" or "IvFL":
                return IvfReader.ReadLegacyIvfFlat(reader, IndexHeader.ReadFloat(reader, type, at), depth);
            case "IHNf" or "IHNp" or "IHNs":
            {
                IndexHeader header = IndexHeader.ReadFloat(reader, type, at);
                HnswGraph.Skip(reader, header.Total);
                FaissIndex? storage = ReadIndexOrNull(reader, depth + 1);
                return new HnswIndex(header, storage);
            }

            case "IxRF":
            {
                IndexHeader header = IndexHeader.ReadFloat(reader, type, at);
                FaissIndex baseIndex = ReadIndex(reader, depth + 1);
                FaissIndex refine = ReadIndex(reader, depth + 1);
                reader.ReadSingle("k_factor of the refine index");
                return new RefineIndex(header, baseIndex, refine);
            }

            default:
                return LossyReader.Read(reader, type, at, depth);
        }
    }

    /// <summary>A binary index (<c>read_index_binary</c>).</summary>
    public static FaissIndex ReadBinaryIndex(IndexFileReader reader, int depth)
    {
        long at = reader.Position;
        uint code = reader.ReadFourcc("a binary index type code (fourcc)");
        if (depth > MaxDepth)
        {
            throw reader.Error(at, $"indexes nested deeper than {MaxDepth} levels");
        }

        IndexTypeInfo type = KnownType(reader, code, at, binary: true);
        IndexHeader header = IndexHeader.ReadBinary(reader, type, at);
        switch (type.Code)
        {
            case "IBxF":
                return ReadFlat(reader, header);
            case "IBMp" or "IBM2":
                return ReadIdMap(reader, header, ReadBinaryIndex(reader, depth + 1));
            case "IBwF":
                return IvfReader.ReadBinaryIvf(reader, header, depth);
            case "IBHf":
                HnswGraph.Skip(reader, header.Total);
                return new HnswIndex(header, ReadBinaryIndex(reader, depth + 1));
            default:
                throw new SourceDataException($"{reader.Path}: {IndexTypes.UnsupportedReason(type)}");
        }
    }

    private static IndexTypeInfo KnownType(IndexFileReader reader, uint code, long at, bool binary)
    {
        IndexTypeInfo? type = IndexTypes.Find(code);
        if (type is null)
        {
            string where = at == 0 ? "a Faiss index type code (fourcc) such as IxF2, IwFl or IBxF; this is not a Faiss index file, or a type this reader does not know" : "an index type code (fourcc)";
            throw reader.Error(at, $"expected {where}, found '{FourCC.ToText(code)}'");
        }

        if (type.Binary != binary)
        {
            string expected = binary ? "a binary index" : "a float index";
            throw reader.Error(at, $"expected {expected}, found {type.Display}");
        }

        return type.Kind == IndexKind.Unsupported
            ? throw new SourceDataException($"{reader.Path}: {IndexTypes.UnsupportedReason(type)}")
            : type;
    }

    private static FlatIndex ReadFlat(IndexFileReader reader, IndexHeader header)
    {
        bool binary = header.Type.Binary;
        int rowBytes = binary ? header.Dim / 8 : header.Dim * 4;

        // Float flat indexes store the count in floats (READXBVECTOR), binary ones in bytes (formats.md 1.1).
        int unit = binary ? 1 : 4;
        long countAt = reader.Position;
        long count = reader.ReadCount(unit, $"the vectors of {header.Type.Code}");
        long expected = header.Total > long.MaxValue / rowBytes ? -1 : header.Total * rowBytes / unit;
        if (count != expected)
        {
            throw reader.Error(countAt, $"expected {header.Total} vectors of d={header.Dim} ({expected} {(binary ? "bytes" : "floats")}), found a count of {count}");
        }

        long codesAt = reader.Position;
        reader.Skip(count * unit, $"the vectors of {header.Type.Code}");
        return new FlatIndex(header, codesAt, rowBytes);
    }

    private static IdMapIndex ReadIdMap(IndexFileReader reader, IndexHeader header, FaissIndex inner)
    {
        long countAt = reader.Position;
        long count = reader.ReadCount(8, "the id map");
        if (count != header.Total)
        {
            throw reader.Error(countAt, $"expected {header.Total} ids in the id map (ntotal), found {count}");
        }

        long idsAt = reader.Position;
        reader.Skip(count * 8, "the id map");
        return new IdMapIndex(header, inner, idsAt, count);
    }
}
