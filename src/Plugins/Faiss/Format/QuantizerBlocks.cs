namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>
/// Skips the PQ and transform blocks of lossy indexes (formats.md 1.9, 1.10) so that an exact index stored after them,
/// such as the refine index of <c>IxRF</c>, can be reached.
/// </summary>
internal static class QuantizerBlocks
{
    /// <summary>ProductQuantizer: d, M, nbits, centroids[].</summary>
    public static void SkipProductQuantizer(IndexFileReader reader)
    {
        reader.Skip(8 + 8 + 8, "the product quantizer parameters");
        reader.SkipVector(4, "the product quantizer centroids");
    }

    /// <summary>A VectorTransform of IndexPreTransform or IndexLSH (read_VectorTransform).</summary>
    public static void SkipVectorTransform(IndexFileReader reader, int depth)
    {
        long at = reader.Position;
        uint code = reader.ReadFourcc("a vector transform type");
        string text = FourCC.ToText(code);
        switch (text)
        {
            case "rrot" or "LTra" or "PCAm" or "PcAm" or "Pcam" or "Viqm":
                if (text is "PCAm" or "PcAm" or "Pcam")
                {
                    reader.Skip(4, "the PCA eigen_power");
                    reader.Skip(text == "Pcam" ? 4 : 0, "the PCA epsilon");
                    reader.Skip(1, "the PCA random_rotation");
                    reader.Skip(text == "PCAm" ? 0 : 4, "the PCA balanced_bins");
                    reader.SkipVector(4, "the PCA mean");
                    reader.SkipVector(4, "the PCA eigenvalues");
                    reader.SkipVector(4, "the PCA matrix");
                }
                else if (text == "Viqm")
                {
                    reader.Skip(8, "the ITQ max_iter and seed");
                }

                reader.Skip(1, "have_bias");
                reader.SkipVector(4, "the transform matrix");
                reader.SkipVector(4, "the transform bias");
                break;
            case "RmDT":
                reader.SkipVector(4, "the dimension map");
                break;
            case "VNrm":
                reader.Skip(4, "the normalization norm");
                break;
            case "VCnt":
                reader.SkipVector(4, "the centering mean");
                break;
            case "Viqt":
                if (depth > IndexParser.MaxDepth)
                {
                    throw reader.Error(at, $"vector transforms nested deeper than {IndexParser.MaxDepth} levels");
                }

                reader.SkipVector(4, "the ITQ mean");
                reader.Skip(1, "do_pca");
                SkipVectorTransform(reader, depth + 1);
                SkipVectorTransform(reader, depth + 1);
                break;
            default:
                throw reader.Error(at, $"expected a vector transform type (rrot, LTra, Pcam, RmDT, VNrm, VCnt, Viqt...), found '{text}'");
        }

        reader.Skip(4 + 4 + 1, "d_in, d_out and is_trained of the vector transform");
    }
}
