using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5.Tests;

/// <summary>
/// ann-benchmarks hamming files keep one numpy bool per bit, which h5py stores as an HDF5 enum {FALSE, TRUE} of
/// int8; the source packs them into binary vectors (numpy.packbits order) and h5py's packing is the reference.
/// </summary>
public sealed class HammingBooleanTests
{
    [Theory]
    [InlineData("ann_hamming_bool")]
    [InlineData("ann_hamming_bool_latest")]
    [InlineData("ann_hamming_bool_chunked")]
    public async Task Booleans_are_packed_into_binary_vectors(string name)
    {
        Expected e = Fixtures.All[name];
        await using var source = new Hdf5Source([Fixtures.PathOf(name)], null, null);
        ReadAll all = await ReadAll.From(source, new ReadOptions { MaxBatchBytes = 7 * (e.Dim / 8) });

        DatasetInfo info = all.Info;
        Assert.Equal(VectorType.Binary, info.Schema.Vector.Type);
        Assert.Equal(e.Dim, info.Schema.Vector.Dim);
        Assert.Equal(e.Dim / 8, info.Schema.Vector.BytesPerRow);
        Assert.Equal("HAMMING", info.Schema.Metric);
        Assert.StartsWith("bool (enum of int8)", info.Properties!["stored_type"], StringComparison.Ordinal);
        Assert.Equal(e.FirstRow, all.Vectors[..(e.Dim / 8)]);
        Assert.Equal(e.VectorsDigest, all.Digests.VectorsDigest.ToString());
        Assert.Equal(e.Digest, all.Digests.Digest.ToString());
    }

    [Fact]
    public async Task A_width_that_is_not_whole_bytes_is_refused_naming_it()
    {
        await using var source = new Hdf5Source([Fixtures.PathOf("refused_bool_width")], null, null);
        SourceDataException error = await Assert.ThrowsAsync<SourceDataException>(async () => await source.ListDatasetsAsync(CancellationToken.None));
        Assert.Contains("'train' holds 12 bits per row", error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.SourceDataError, error.ExitCode);
    }
}
