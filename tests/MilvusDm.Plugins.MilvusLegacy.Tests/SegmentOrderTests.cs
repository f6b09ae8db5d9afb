namespace MilvusDm.Plugins.MilvusLegacy.Tests;

/// <summary>Segment ids sort as numbers (creation order), whatever their length; anything else after them, by text.</summary>
public sealed class SegmentOrderTests
{
    [Fact]
    public void Order_IsNumeric_NotTextual()
    {
        string[] ids = ["1678358101133002000", "999", "abc", "1678358056132984000", "0001000", "10000000000000000000000", "1000"];

        string[] sorted = [.. ids.Order(SegmentOrder.Instance)];

        Assert.Equal(["999", "0001000", "1000", "1678358056132984000", "1678358101133002000", "10000000000000000000000", "abc"], sorted);
    }
}
