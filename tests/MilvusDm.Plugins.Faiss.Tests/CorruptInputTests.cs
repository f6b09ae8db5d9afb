using System.Buffers.Binary;
using System.Diagnostics;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Faiss.Tests;

/// <summary>
/// Damaged copies of the real fixtures, made at test time: every truncation, and size fields replaced by huge,
/// negative or off-by-one values. Each must fail with a one-line SourceDataException, quickly, without allocating
/// what the corrupt counts claim.
/// </summary>
public sealed class CorruptInputTests
{
    public static TheoryData<string> Supported => Fixtures.Supported();

    /// <summary>Every readable fixture, lossy ones included (read with allow_lossy).</summary>
    public static TheoryData<string> Readable => Fixtures.Readable();

    [Theory]
    [MemberData(nameof(Readable))]
    public void Read_TruncatedAnywhere_FailsWithOffset(string name)
    {
        // Arrange
        using var temp = new TempDirectory();
        byte[] original = File.ReadAllBytes(Fixtures.PathOf(name));
        CopyCompanions(name, temp.Path);
        string path = Path.Combine(temp.Path, Fixtures.All[name].File);
        var clock = Stopwatch.StartNew();

        // Act + Assert: every length through the structure (first 2 KB) and the tail, and a stride through the
        // payload in between (a cut there is caught by the same size check).
        for (int length = 0; length < original.Length; length += length < 2048 || length >= original.Length - 512 ? 1 : 61)
        {
            File.WriteAllBytes(path, original.AsSpan(0, length).ToArray());
            SourceDataException? error = ReadAll.Outcome(path, allowLossy: true);
            Assert.True(error is not null, $"{name} truncated to {length} bytes was read without error");
            Assert.StartsWith(path + ": at byte ", error!.Message);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{original.Length} truncations took {clock.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(Readable))]
    public void Read_SizeFieldsReplaced_FailsCleanlyOrReadsAtMostTheFile(string name)
    {
        // Arrange: every 8-byte and 4-byte window of the structure gets each hostile value in turn.
        using var temp = new TempDirectory();
        byte[] original = File.ReadAllBytes(Fixtures.PathOf(name));
        CopyCompanions(name, temp.Path);
        string path = Path.Combine(temp.Path, Fixtures.All[name].File);
        long[] hostile = [long.MaxValue, -1, 1L << 40, 1];

        // Act + Assert
        int limit = Math.Min(original.Length - 4, 400);
        for (int at = 0; at < limit; at++)
        {
            foreach (long value in hostile)
            {
                foreach (int width in new[] { 8, 4 })
                {
                    if (at + width > original.Length)
                    {
                        continue;
                    }

                    byte[] damaged = (byte[])original.Clone();
                    if (width == 8)
                    {
                        BinaryPrimitives.WriteInt64LittleEndian(damaged.AsSpan(at), value);
                    }
                    else
                    {
                        BinaryPrimitives.WriteInt32LittleEndian(damaged.AsSpan(at), (int)value);
                    }

                    File.WriteAllBytes(path, damaged);
                    try
                    {
                        long rows = ReadAll.Run(path, allowLossy: true);
                        Assert.True(rows * 4 <= original.Length * 8L, $"{name}: {rows} rows from a {original.Length}-byte file");
                    }
                    catch (SourceDataException e)
                    {
                        Assert.DoesNotContain('\n', e.Message);
                    }
                }
            }
        }
    }

    [Fact]
    public void Read_OnDiskDataTruncated_NamesTheList()
    {
        using var temp = new TempDirectory();
        CopyCompanions("ivfflat_ondisk", temp.Path);
        string index = Path.Combine(temp.Path, "ivfflat_ondisk.index");
        File.Copy(Fixtures.PathOf("ivfflat_ondisk"), index);
        string data = Path.Combine(temp.Path, "ivfflat_ondisk.ivfdata");
        byte[] bytes = File.ReadAllBytes(data);
        File.WriteAllBytes(data, bytes.AsSpan(0, bytes.Length / 2).ToArray());

        var error = Assert.Throws<SourceDataException>(() => ReadAll.Run(index));

        Assert.Contains("beyond the end of", error.Message);
    }

    [Fact]
    public void Read_HugeNtotalInFlatHeader_FailsBeforeAllocating()
    {
        // Arrange: ntotal (offset 8) claims 2^40 vectors in a 1 KB file.
        using var temp = new TempDirectory();
        byte[] bytes = File.ReadAllBytes(Fixtures.PathOf("flat_l2"));
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), 1L << 40);
        string path = Path.Combine(temp.Path, "huge.index");
        File.WriteAllBytes(path, bytes);

        // Act
        var error = Assert.Throws<SourceDataException>(() => ReadAll.Run(path));

        // Assert: the float count right after the 37-byte header no longer matches ntotal*d.
        Assert.True(error.Message.StartsWith($"{path}: at byte 37: expected 1099511627776 vectors of d=8", StringComparison.Ordinal), error.Message);
    }

    private static void CopyCompanions(string name, string directory)
    {
        // ilod lists live beside the index (the stored absolute path no longer exists).
        if (name == "ivfflat_ondisk")
        {
            File.Copy(Path.Combine(Fixtures.Directory, "ivfflat_ondisk.ivfdata"), Path.Combine(directory, "ivfflat_ondisk.ivfdata"));
        }
    }
}
