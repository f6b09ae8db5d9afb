using System.Text;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5.Tests;

/// <summary>
/// Damaged copies of real fixtures (derived here, never committed): truncations, bad signatures, bad checksums,
/// absurd sizes and every metadata byte flipped. The reader either reads something or throws SourceDataException
/// naming the file; it never throws anything else, hangs, or allocates without bound.
/// </summary>
public sealed class CorruptInputTests
{
    public static TheoryData<string> Samples() =>
    [
        "default_contiguous", "default_gzip_shuffle", "default_fletcher32", "latest_contiguous", "latest_fixed_array",
        "latest_extensible_array_gzip", "latest_btree2_gzip", "latest_many_members", "ann_angular", "v108_gzip_shuffle",
    ];

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Truncated_file_is_refused(string fixture)
    {
        byte[] original = File.ReadAllBytes(Fixtures.PathOf(fixture));
        using var temp = new TempDirectory();
        foreach (int length in new[] { 0, 7, 50, 100, original.Length / 3, original.Length / 2, original.Length - 1 })
        {
            string path = Write(temp, original.AsSpan(0, length).ToArray(), $"cut{length}");
            SourceDataException e = await Assert.ThrowsAsync<SourceDataException>(() => ReadEverything(path));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("default_contiguous", "TREE")]
    [InlineData("default_contiguous", "SNOD")]
    [InlineData("default_contiguous", "HEAP")]
    [InlineData("latest_contiguous", "OHDR")]
    [InlineData("latest_fixed_array", "FAHD")]
    [InlineData("latest_fixed_array", "FADB")]
    [InlineData("latest_extensible_array", "EAHD")]
    [InlineData("latest_extensible_array", "EAIB")]
    [InlineData("latest_btree2", "BTHD")]
    [InlineData("latest_btree2_deep", "BTIN")]
    [InlineData("latest_many_members", "FRHP")]
    public async Task Damaged_signature_is_refused_with_its_offset(string fixture, string signature)
    {
        byte[] bytes = File.ReadAllBytes(Fixtures.PathOf(fixture));
        int at = bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(signature));
        Assert.True(at > 0, $"{signature} not in {fixture}");
        bytes[at + 1] ^= 0x20;
        using var temp = new TempDirectory();
        string path = Write(temp, bytes, "sig");
        SourceDataException e = await Assert.ThrowsAsync<SourceDataException>(() => ReadEverything(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("latest_contiguous", "OHDR", 12)]
    [InlineData("latest_fixed_array", "FAHD", 9)]
    [InlineData("latest_extensible_array", "EAHD", 20)]
    [InlineData("latest_btree2", "BTHD", 8)]
    public async Task Checksum_mismatch_is_refused(string fixture, string signature, int offset)
    {
        byte[] bytes = File.ReadAllBytes(Fixtures.PathOf(fixture));
        int at = bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(signature));
        bytes[at + offset] ^= 0x01;
        using var temp = new TempDirectory();
        string path = Write(temp, bytes, "sum");
        SourceDataException e = await Assert.ThrowsAsync<SourceDataException>(() => ReadEverything(path));
        Assert.Contains("checksum", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Superblock_checksum_mismatch_is_refused()
    {
        byte[] bytes = File.ReadAllBytes(Fixtures.PathOf("latest_contiguous"));
        bytes[44] ^= 0x01;
        using var temp = new TempDirectory();
        SourceDataException e = await Assert.ThrowsAsync<SourceDataException>(() => ReadEverything(Write(temp, bytes, "sb")));
        Assert.Contains("superblock checksum", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fletcher32_mismatch_in_a_chunk_is_refused()
    {
        // Damage bytes one at a time until one lands in a chunk: its checksum (outermost filter) must catch it.
        byte[] bytes = File.ReadAllBytes(Fixtures.PathOf("default_fletcher32"));
        using var temp = new TempDirectory();
        string path = Write(temp, bytes, "f32");
        SourceDataException? found = null;
        for (int i = bytes.Length - 1; i > 0 && found is null; i -= 5)
        {
            byte[] copy = (byte[])bytes.Clone();
            copy[i] ^= 0x55;
            File.WriteAllBytes(path, copy);
            try
            {
                await ReadEverything(path);
            }
            catch (SourceDataException e) when (e.Message.Contains("fletcher32", StringComparison.Ordinal))
            {
                found = e;
            }
            catch (SourceDataException)
            {
            }
        }

        Assert.NotNull(found);
        Assert.Contains("checksum mismatch", found!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Absurd_dataset_size_is_refused_before_allocating()
    {
        // The dataspace of 'embeddings' holds its dims (50, 8): make the rows 2^40, far more than the file holds.
        byte[] bytes = File.ReadAllBytes(Fixtures.PathOf("default_contiguous"));
        byte[] dims = [50, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0];
        int at = bytes.AsSpan().IndexOf(dims);
        Assert.True(at > 0);
        BitConverter.GetBytes(1L << 40).CopyTo(bytes, at);
        using var temp = new TempDirectory();
        SourceDataException e = await Assert.ThrowsAsync<SourceDataException>(() => ReadEverything(Write(temp, bytes, "big")));
        Assert.True(e.Message.Contains("needs", StringComparison.Ordinal), e.Message);
    }

    [Theory]
    [InlineData("default_contiguous")]
    [InlineData("default_gzip_shuffle")]
    [InlineData("latest_fixed_array")]
    [InlineData("latest_extensible_array_gzip")]
    [InlineData("latest_btree2_gzip")]
    [InlineData("latest_many_members")]
    [InlineData("ann_angular")]
    public async Task Every_flipped_metadata_byte_reads_or_fails_cleanly(string fixture)
    {
        byte[] original = File.ReadAllBytes(Fixtures.PathOf(fixture));
        using var temp = new TempDirectory();
        string path = Path.Combine(temp.Path, "flip.h5");
        int limit = Math.Min(original.Length, 6000);
        for (int i = 0; i < limit; i++)
        {
            byte[] copy = (byte[])original.Clone();
            copy[i] ^= 0xFF;
            File.WriteAllBytes(path, copy);
            try
            {
                await ReadEverything(path);
            }
            catch (SourceDataException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"byte {i}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }
    }

    private static string Write(TempDirectory temp, byte[] bytes, string name)
    {
        string path = Path.Combine(temp.Path, name + ".h5");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static async Task ReadEverything(string path)
    {
        await using var source = new Hdf5Source([path], null, null);
        IReadOnlyList<DatasetInfo> datasets = await source.ListDatasetsAsync(CancellationToken.None);
        var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (VectorBatch batch in source.ReadAsync(datasets[0], new ReadOptions { MaxBatchBytes = 256 }, cancel.Token))
        {
            batch.Dispose();
        }
    }
}
