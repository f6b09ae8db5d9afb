using System.Security.Cryptography;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5.Tests;

/// <summary>Every h5py-made fixture reads exactly as h5py reads it: shape, type, metric, every byte, ids and digests.</summary>
public sealed class ConformanceTests
{
    [Theory]
    [MemberData(nameof(Supported))]
    public async Task Reads_fixture_exactly(string name)
    {
        Expected e = Fixtures.All[name];
        await using var source = new Hdf5Source([Fixtures.PathOf(name)], e.VectorsDataset == "embeddings" || e.VectorsDataset == "train" ? null : e.VectorsDataset, null);
        ReadAll all = await ReadAll.From(source);

        Assert.Equal(e.Rows, all.Info.Rows);
        Assert.Equal(e.Dim, all.Info.Schema.Vector.Dim);
        Assert.Equal(e.VectorType, all.Info.Schema.Vector.Type.ToContractName());
        Assert.Equal(e.Metric, all.Info.Schema.Metric);
        Assert.Equal(e.HasIds, all.Info.Schema.HasIds);
        Assert.Equal(Path.GetFileNameWithoutExtension(e.File), all.Info.SuggestedCollection);
        Assert.Equal(e.VectorsSha256, Convert.ToHexStringLower(SHA256.HashData(all.Vectors)));
        if (e.Vectors is not null)
        {
            Assert.Equal(e.Vectors, all.Vectors);
        }

        Assert.Equal(e.FirstRow, all.Vectors.AsSpan(0, e.FirstRow!.Length).ToArray());
        if (e.HasIds)
        {
            Assert.NotNull(all.Ids);
            Assert.Equal(e.IdSamples![..3], all.Ids![..3]);
            Assert.Equal(e.IdSamples[^1], all.Ids[^1]);
        }
        else
        {
            Assert.Null(all.Ids);
        }

        Assert.Equal(e.Digest, all.Digests.Digest.ToString());
        Assert.Equal(e.VectorsDigest, all.Digests.VectorsDigest.ToString());
    }

    [Theory]
    [MemberData(nameof(Supported))]
    public async Task Small_batches_and_a_start_row_give_the_same_rows(string name)
    {
        Expected e = Fixtures.All[name];
        string? vectors = e.VectorsDataset is "embeddings" or "train" ? null : e.VectorsDataset;
        await using var whole = new Hdf5Source([Fixtures.PathOf(name)], vectors, null);
        ReadAll reference = await ReadAll.From(whole);
        int rowBytes = reference.Info.Schema.Vector.BytesPerRow;

        // Batches of 3 rows cross chunk and band boundaries at odd places; starting at row 5 skips into a chunk.
        await using var source = new Hdf5Source([Fixtures.PathOf(name)], vectors, null);
        ReadAll part = await ReadAll.From(source, new ReadOptions { MaxBatchBytes = 3 * rowBytes, StartRow = 5 });
        Assert.Equal(reference.Vectors.AsSpan(5 * rowBytes).ToArray(), part.Vectors);
        Assert.Equal((int)Math.Ceiling((e.Rows - 5) / 3.0), part.Batches);
    }

    public static TheoryData<string> Supported() => Fixtures.Supported();
}
