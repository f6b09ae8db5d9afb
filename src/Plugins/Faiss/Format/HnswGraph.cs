namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>The HNSW graph (formats.md 1.7). Only its extent matters here: it is skipped with every count checked.</summary>
internal static class HnswGraph
{
    public static void Skip(IndexFileReader reader, long total)
    {
        reader.SkipVector(8, "the HNSW assign_probas");
        reader.SkipVector(4, "the HNSW cum_nneighbor_per_level");
        long levelsAt = reader.Position;
        long levels = reader.SkipVector(4, "the HNSW levels");
        if (levels != total)
        {
            throw reader.Error(levelsAt, $"expected {total} HNSW levels (one per vector), found {levels}");
        }

        reader.SkipVector(8, "the HNSW offsets");
        reader.SkipVector(4, "the HNSW neighbors");

        // entry_point, max_level, efConstruction, efSearch, upper_beam (a constant since it was deprecated).
        reader.Skip(5 * 4, "the HNSW entry point and search parameters");
    }
}
