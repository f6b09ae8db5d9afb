using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Tests.Fakes;

/// <summary>An in-memory dataset: float32 vectors, with or without ids.</summary>
internal sealed record MemoryDataset(string Name, float[][] Vectors, long[]? Ids)
{
    public int Dim => Vectors[0].Length;

    public DatasetInfo Info => new(Name, DatasetSchema.Of(VectorType.Float32, Dim, Ids is null ? null : KeyType.Int64, "L2"), Vectors.Length) { SuggestedCollection = Name };

    public static MemoryDataset Random(string name, int rows, int dim, bool withIds, int seed = 1)
    {
        var random = new Random(seed);
        float[][] vectors = Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, dim).Select(_ => (float)random.NextDouble()).ToArray()).ToArray();
        return new MemoryDataset(name, vectors, withIds ? Enumerable.Range(0, rows).Select(i => 100_000L + (i * 3)).ToArray() : null);
    }
}
