using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>
/// Walks lossy indexes (formats.md 1.8–1.10) far enough to skip them: they are refused as sources, but an
/// <c>IxRF</c> stores its exact refine index after one of them.
/// </summary>
internal static class LossyReader
{
    public static FaissIndex Read(IndexFileReader reader, IndexTypeInfo type, long at, int depth)
    {
        if (type.Kind != IndexKind.Lossy)
        {
            throw new SourceDataException($"{reader.Path}: {IndexTypes.UnsupportedReason(type)}");
        }

        switch (type.Code)
        {
            case "IxSQ":
            {
                IndexHeader header = IndexHeader.ReadFloat(reader, type, at);
                ScalarQuantizer sq = ScalarQuantizer.Read(reader, header.Dim);
                long countAt = reader.Position;
                long count = reader.ReadCount(1, "the scalar quantizer codes");
                if (count != header.Total * sq.CodeSize)
                {
                    throw reader.Error(countAt, $"expected {header.Total} codes of {sq.CodeSize} bytes, found {count} bytes");
                }

                long codesAt = reader.Position;
                reader.Skip(count, "the scalar quantizer codes");
                return new SqFlatIndex(header, sq, codesAt);
            }

            case "IwSQ" or "IwSq":
            {
                IndexHeader header = IndexHeader.ReadFloat(reader, type, at);
                (long nlist, FaissIndex coarse) = IvfReader.ReadCommon(reader, header, depth);
                DirectMap.Read(reader);
                ScalarQuantizer sq = ScalarQuantizer.Read(reader, header.Dim);
                long codeSizeAt = reader.Position;
                long codeSize = reader.ReadSize("code_size");
                if (codeSize != sq.CodeSize)
                {
                    throw reader.Error(codeSizeAt, $"expected code_size {sq.CodeSize} like the scalar quantizer, found {codeSize}");
                }

                bool byResidual = type.Code == "IwSQ" || reader.ReadBool("by_residual");
                InvertedLists lists = IvfReader.ReadInvertedLists(reader, nlist, codeSize);
                if (!lists.NotStored && lists.TotalRows != header.Total)
                {
                    throw reader.Error(at, $"the IVF header says ntotal={header.Total}, but its inverted lists hold {lists.TotalRows} vectors");
                }

                return new SqIvfIndex(header, coarse, sq, byResidual, lists);
            }

            case "IxPq" or "IxPQ" or "IxPo":
            {
                IndexHeader header = IndexHeader.ReadFloat(reader, type, at);
                QuantizerBlocks.SkipProductQuantizer(reader);
                reader.SkipVector(1, "the product quantizer codes");
                reader.Skip(type.Code == "IxPQ" ? 0 : 4 + 1 + 4, "search_type, encode_signs and polysemous_ht");
                return new LossyIndex(header);
            }

            case "IwPQ" or "IwQR":
            {
                IndexHeader header = IndexHeader.ReadFloat(reader, type, at);
                (long nlist, _) = IvfReader.ReadCommon(reader, header, depth);
                DirectMap.Read(reader);
                reader.Skip(1, "by_residual");
                long codeSize = reader.ReadSize("code_size");
                QuantizerBlocks.SkipProductQuantizer(reader);
                IvfReader.ReadInvertedLists(reader, nlist, codeSize);
                if (type.Code == "IwQR" && header.IsTrained)
                {
                    QuantizerBlocks.SkipProductQuantizer(reader);
                    reader.SkipVector(1, "the refine codes");
                    reader.Skip(4, "k_factor");
                }

                return new LossyIndex(header);
            }

            case "IxHe" or "IxHE":
            {
                IndexHeader header = IndexHeader.ReadFloat(reader, type, at);
                reader.Skip(4 + 1 + 1, "nbits, rotate_data and train_thresholds");
                reader.SkipVector(4, "the LSH thresholds");
                reader.Skip(4, "code_size");
                QuantizerBlocks.SkipVectorTransform(reader, depth + 1);
                reader.SkipVector(1, "the LSH codes");
                return new LossyIndex(header);
            }

            case "IxPT":
            {
                IndexHeader header = IndexHeader.ReadFloat(reader, type, at);
                long countAt = reader.Position;
                int transforms = reader.ReadInt32("the number of vector transforms");
                if (transforms < 0 || transforms > IndexParser.MaxDepth)
                {
                    throw reader.Error(countAt, $"expected 0 to {IndexParser.MaxDepth} vector transforms, found {transforms}");
                }

                for (int i = 0; i < transforms; i++)
                {
                    QuantizerBlocks.SkipVectorTransform(reader, depth + 1);
                }

                return new LossyIndex(header, IndexParser.ReadIndex(reader, depth + 1));
            }

            default:
                // Lossy in any case, and not walked: refuse now (the message is the same one a walked type gets).
                throw new SourceDataException($"{reader.Path}: {IndexTypes.LossyReason(type)}");
        }
    }
}
