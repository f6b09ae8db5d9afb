using MilvusDm.Tool.Duplicates;

namespace MilvusDm.Reliability.Tests.Duplicates;

/// <summary>
/// The duplicate check's external sort with a deliberately tiny buffer: 200,000 ids spill to hundreds of sorted runs
/// on disk, the merge returns them in exact order, the scan finds exactly the planted duplicates, and the memory used
/// stays independent of the number of ids.
/// </summary>
public sealed class ExternalSortTests
{
    [Fact]
    public void Spilled_runs_merge_into_exact_order_and_the_scan_finds_the_planted_duplicates()
    {
        var random = new Random(31);
        var pairs = new List<(long Key, long Value)>();
        for (long position = 0; position < 200_000; position++)
        {
            pairs.Add((random.NextInt64(-(1L << 50), 1L << 50), position));
        }

        // Plant: id of row 5 again at rows 150,000 and 199,999; id of row 77 again at row 1,000.
        pairs[150_000] = (pairs[5].Key, 150_000);
        pairs[199_999] = (pairs[5].Key, 199_999);
        pairs[1_000] = (pairs[77].Key, 1_000);
        using var sorter = new ExternalPairSorter(bufferPairs: 1_000);
        foreach ((long key, long value) in pairs)
        {
            sorter.Add(key, value);
        }

        Assert.Equal(199, sorter.RunCount);
        Assert.Equal(pairs.Order().ToList(), sorter.Sorted().ToList());
        DuplicateFinding found = DuplicateScan.Find(sorter.Sorted())!;
        Assert.Equal(2, found.DuplicatedIds);
        Assert.Equal(3, found.ExtraRows);
        long smaller = Math.Min(pairs[5].Key, pairs[77].Key);
        Assert.Equal(smaller, found.Id);
        Assert.Equal(smaller == pairs[5].Key ? (5L, 150_000L) : (77L, 1_000L), (found.First, found.Second));
    }

    [Fact]
    public void Keep_last_supersedes_every_row_but_the_last_of_each_id()
    {
        using var sorter = new ExternalPairSorter(bufferPairs: 4);
        long[] ids = [7, 3, 7, 9, 3, 7, 1];
        for (int row = 0; row < ids.Length; row++)
        {
            sorter.Add(ids[row], row);
        }

        using var superseded = new ExternalPairSorter(bufferPairs: 2);
        (long duplicated, long rows) = DuplicateScan.Superseded(sorter.Sorted(), superseded);

        Assert.Equal((2L, 3L), (duplicated, rows));
        Assert.Equal([0L, 1L, 2L], superseded.Sorted().Select(p => p.Key));
    }

    [Fact]
    public void Four_million_ids_are_merged_holding_a_fraction_of_their_size_in_memory()
    {
        const int Count = 4_000_000; // 64 MB of (id, position) pairs
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        using var sorter = new ExternalPairSorter(bufferPairs: 65_536);
        for (int i = 0; i < Count; i++)
        {
            sorter.Add((i * 2_654_435_761L) % 1_000_003, i);
        }

        long held = 0;
        long seen = 0;
        long previous = long.MinValue;
        foreach ((long key, long _) in sorter.Sorted())
        {
            Assert.True(key >= previous);
            previous = key;
            if (++seen == Count / 2)
            {
                held = GC.GetTotalMemory(forceFullCollection: true) - baseline;
            }
        }

        Assert.Equal(Count, seen);
        Assert.InRange(sorter.RunCount, 60, 61);
        Assert.InRange(held, 0, 16L << 20);
    }
}
