using System.Buffers.Binary;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.MilvusLegacy.Tests.Support;

namespace MilvusDm.Plugins.MilvusLegacy.Tests;

/// <summary>
/// Damaged segments stop the job before any row is streamed (exit 3) with one message naming the file or folder and
/// what is wrong. Each test damages one segment of a private copy of the fixture.
/// </summary>
public sealed class CorruptionTests
{
    // float_coll/tag_a, first segment: 50 rows of dim 16 (64 bytes), deleted offsets 41, 3, 27, 3, 49, 0.
    private const string Segment = "storage/db/tables/1678358371133074000/1678358416133092000";
    private const string FileId = "1678358416133092000";
    private const int PhysicalRows = 50;
    private const int RowBytes = 64;

    [Fact]
    public Task TruncatedRv_NamesTheFile() => ExpectAsync(
        s => Truncate(s.Resolve($"{Segment}/{FileId}.rv"), 8 + (PhysicalRows * RowBytes) - 10),
        s => s.Resolve($"{Segment}/{FileId}.rv"),
        "header says 3200 payload bytes but the file holds 3190");

    [Fact]
    public Task RvHeaderDisagreeingWithTheLength_NamesTheFile() => ExpectAsync(
        s => WriteHeader(s.Resolve($"{Segment}/{FileId}.rv"), 3200 + 64),
        s => s.Resolve($"{Segment}/{FileId}.rv"),
        "header says 3264 payload bytes");

    [Fact]
    public Task RvShorterThanItsHeader_NamesTheFile() => ExpectAsync(
        s => Truncate(s.Resolve($"{Segment}/{FileId}.rv"), 5),
        s => s.Resolve($"{Segment}/{FileId}.rv"),
        "shorter than the 8-byte size header");

    [Fact]
    public Task RvOfPartialRows_NamesTheFile() => ExpectAsync(
        s => Rewrite(s.Resolve($"{Segment}/{FileId}.rv"), 3200 - 4),
        s => s.Resolve($"{Segment}/{FileId}.rv"),
        "not a whole number of 64-byte rows");

    [Fact]
    public Task MissingUid_NamesTheFile() => ExpectAsync(
        s => File.Delete(s.Resolve($"{Segment}/{FileId}.uid")),
        s => s.Resolve($"{Segment}/{FileId}.uid"),
        "missing");

    [Fact]
    public Task MissingRv_NamesTheFile() => ExpectAsync(
        s => File.Delete(s.Resolve($"{Segment}/{FileId}.rv")),
        s => s.Resolve($"{Segment}/{FileId}.rv"),
        "missing");

    [Fact]
    public Task UidWithFewerIdsThanRows_NamesTheFile() => ExpectAsync(
        s => Rewrite(s.Resolve($"{Segment}/{FileId}.uid"), (PhysicalRows - 1) * 8),
        s => s.Resolve($"{Segment}/{FileId}.uid"),
        "holds 49 ids but the segment's .rv holds 50 rows");

    [Fact]
    public Task DeletionOffsetOutOfRange_NamesTheFileAndOffset() => ExpectAsync(
        s => WriteOffsets(s.Resolve($"{Segment}/deleted_docs"), [3, PhysicalRows]),
        s => s.Resolve($"{Segment}/deleted_docs"),
        "deleted row offset 50 is outside the segment's 50 rows");

    [Fact]
    public Task NegativeDeletionOffset_NamesTheFile() => ExpectAsync(
        s => WriteOffsets(s.Resolve($"{Segment}/deleted_docs"), [-1]),
        s => s.Resolve($"{Segment}/deleted_docs"),
        "deleted row offset -1");

    [Fact]
    public Task DeletedDocsOfPartialOffsets_NamesTheFile() => ExpectAsync(
        s => Rewrite(s.Resolve($"{Segment}/deleted_docs"), 6),
        s => s.Resolve($"{Segment}/deleted_docs"),
        "not a whole number of int32 row offsets");

    [Fact]
    public Task MissingSegmentFolder_NamesTheFolder() => ExpectAsync(
        s => Directory.Delete(s.Resolve(Segment), recursive: true),
        s => s.Resolve(Segment),
        "segment folder missing");

    [Fact]
    public Task MissingDeletedDocs_WhenTheMetaCountsDeletions_NamesTheFile() => ExpectAsync(
        s => File.Delete(s.Resolve($"{Segment}/deleted_docs")),
        s => s.Resolve($"{Segment}/deleted_docs"),
        "which rows were deleted cannot be known");

    [Fact]
    public async Task MissingDeletedDocs_WithoutDeletionsInTheMeta_WarnsAndReadsEveryRow()
    {
        // ip_coll/_default: one segment of 10 rows, none deleted.
        using var storage = new StorageCopy();
        string deleted = storage.Resolve("storage/db/tables/ip_coll/1678365961133252000/deleted_docs");
        File.Delete(deleted);
        var log = new TestLog();

        ReadResult read = await Legacy.ReadAsync(storage.Yaml(), "ip_coll/_default", log);

        Assert.Equal(Truth.Get("ip_coll/_default").Ids, read.Ids);
        Assert.Contains(log.Warnings, w => w.StartsWith(deleted + ": missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DamageInOneDataset_StopsBeforeAnyRowIsStreamed()
    {
        using var storage = new StorageCopy();
        Truncate(storage.Resolve($"{Segment}/{FileId}.rv"), 100);
        await using IVectorSource source = Legacy.Source(storage.Yaml(), new TestLog());

        // The damaged partition sorts after bin_coll and float_coll/_default, yet listing already refuses.
        await Assert.ThrowsAsync<SourceDataException>(async () => await source.ListDatasetsAsync(CancellationToken.None));
    }

    private static async Task ExpectAsync(Action<StorageCopy> damage, Func<StorageCopy, string> named, string problem)
    {
        using var storage = new StorageCopy();
        damage(storage);

        var error = await Assert.ThrowsAsync<SourceDataException>(() => Legacy.ListAsync(storage.Yaml()));

        Assert.Equal(ExitCodes.SourceDataError, error.ExitCode);
        Assert.StartsWith(named(storage) + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static void Truncate(string file, long length)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Write);
        stream.SetLength(length);
    }

    private static void WriteHeader(string file, ulong payloadBytes)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Write);
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(header, payloadBytes);
        stream.Write(header);
    }

    /// <summary>Keeps <paramref name="payloadBytes"/> of the payload and writes a header that agrees, so only the content is wrong.</summary>
    private static void Rewrite(string file, long payloadBytes)
    {
        Truncate(file, 8 + payloadBytes);
        WriteHeader(file, (ulong)payloadBytes);
    }

    private static void WriteOffsets(string file, int[] offsets)
    {
        byte[] bytes = new byte[8 + (offsets.Length * 4)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)(offsets.Length * 4));
        for (int i = 0; i < offsets.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8 + (i * 4)), offsets[i]);
        }

        File.WriteAllBytes(file, bytes);
    }
}
