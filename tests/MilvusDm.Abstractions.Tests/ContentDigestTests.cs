namespace MilvusDm.Abstractions.Tests;

public sealed class ContentDigestTests
{
    [Fact]
    public void ToString_IsLittleEndianHexOfTheSum()
    {
        Assert.Equal("01000000000000000000000000000000", new ContentDigest(1).ToString());
        Assert.Equal("000000000000000000000000000000ff", new ContentDigest(new UInt128(0xff00000000000000, 0)).ToString());
    }

    [Fact]
    public void Parse_RoundTripsToString()
    {
        var digest = new ContentDigest(new UInt128(0x0123456789abcdef, 0xfedcba9876543210));

        Assert.Equal(digest, ContentDigest.Parse(digest.ToString()));
    }

    [Fact]
    public void Add_WrapsModulo2To128AndSubtractUndoesIt()
    {
        var max = new ContentDigest(UInt128.MaxValue);
        var one = new ContentDigest(1);

        Assert.Equal(ContentDigest.Empty, max + one);
        Assert.Equal(max, (max + one) - one);
    }

    [Theory]
    [InlineData("00")]
    [InlineData("zz000000000000000000000000000000")]
    public void Parse_Malformed_Throws(string text)
    {
        Assert.ThrowsAny<FormatException>(() => ContentDigest.Parse(text));
    }
}
