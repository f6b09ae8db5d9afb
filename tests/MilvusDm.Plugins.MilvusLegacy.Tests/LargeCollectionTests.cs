using System.Diagnostics;
using System.Text.Json;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.MilvusLegacy.Tests.Infrastructure;
using MilvusDm.Plugins.MilvusLegacy.Tests.Support;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Plugins.MilvusLegacy.Tests;

/// <summary>Runs alone, so the process-wide allocation count it takes belongs to this test only.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LargeCollectionCollection
{
    public const string Name = "Large legacy collection";
}

/// <summary>
/// A 128 MiB segment (make_fixtures.py --large: 262,144 rows of dim 128, deletions in it) streams in 1 MiB batches
/// without ever holding the segment: the whole read allocates a small fraction of the segment's size, and its rows
/// hash to the digests the builder computed.
/// </summary>
[Collection(LargeCollectionCollection.Name)]
public sealed class LargeCollectionTests
{
    [Fact]
    public async Task Read_SegmentMuchLargerThanABatch_StreamsWithBoundedAllocation()
    {
        using var dir = new TempDirectory("milvusdm-legacy-large");
        string storage = dir.Combine("storage");
        await BuildAsync(storage, rows: 262144, dim: 128);
        using JsonDocument truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(storage, "truth.json")));
        await using IVectorSource source = Legacy.Source($"path: '{storage}'\n", new TestLog());
        DatasetInfo dataset = (await source.ListDatasetsAsync(CancellationToken.None)).Single();
        long segmentBytes = new FileInfo(Directory.EnumerateFiles(storage, "*.rv", SearchOption.AllDirectories).Single()).Length;

        long before = GC.GetTotalAllocatedBytes(precise: true);
        var digests = default(DigestPair);
        await foreach (VectorBatch batch in source.ReadAsync(dataset, new ReadOptions { MaxBatchBytes = 1 << 20 }, CancellationToken.None))
        {
            using (batch)
            {
                digests += RowDigester.Digest(batch);
            }
        }

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(truth.RootElement.GetProperty("rows").GetInt64(), digests.Rows);
        Assert.Equal(truth.RootElement.GetProperty("digest").GetString(), digests.Digest.ToString());
        Assert.Equal(truth.RootElement.GetProperty("vectors_digest").GetString(), digests.VectorsDigest.ToString());
        Assert.True(allocated < segmentBytes / 8, $"reading a {segmentBytes}-byte segment allocated {allocated} bytes");
    }

    private static async Task BuildAsync(string storage, int rows, int dim)
    {
        string script = Path.Combine(LegacyTestData.Directory, "make_fixtures.py");
        ProcessResult result = await ProcessRunner.RunAsync("/usr/bin/python3", [script, "--large", $"{rows}", $"{dim}", storage], TimeSpan.FromMinutes(5));
        Assert.True(result.ExitCode == 0, result.ToString());
        Debug.Assert(File.Exists(Path.Combine(storage, "truth.json")));
    }
}
