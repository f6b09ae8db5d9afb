using MilvusDm.Abstractions;
using MilvusDm.Tool.State;

namespace MilvusDm.Tool.Tests.State;

public sealed class RangeSetTests
{
    [Fact]
    public void Add_OutOfOrderAcknowledgements_MergeIntoOnePrefix()
    {
        var set = new RangeSet();

        set.Add(new RowRange(20, 10));
        set.Add(new RowRange(0, 10));
        Assert.Equal(10, set.ContiguousPrefix);
        set.Add(new RowRange(10, 10));

        Assert.Equal([(0L, 30L)], set.Ranges);
        Assert.Equal(30, set.ContiguousPrefix);
        Assert.Equal(30, set.Count);
    }

    [Fact]
    public void Add_OverlapsAndGaps_AreKeptExactly()
    {
        var set = new RangeSet();

        set.Add(new RowRange(5, 5));
        set.Add(new RowRange(8, 4));
        set.Add(new RowRange(20, 1));
        set.Add(new RowRange(0, 0));

        Assert.Equal([(5L, 12L), (20L, 21L)], set.Ranges);
        Assert.Equal(0, set.ContiguousPrefix);
    }
}
