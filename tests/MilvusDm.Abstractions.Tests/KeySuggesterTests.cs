namespace MilvusDm.Abstractions.Tests;

public sealed class KeySuggesterTests
{
    [Theory]
    [InlineData("pth", "path")]
    [InlineData("dest_prot", "dest_port")]
    [InlineData("milvus-version", "milvus_version")]
    [InlineData("colection", "collection")]
    [InlineData("zzzzzz", null)]
    public void Suggest_FindsTheIntendedKey(string typed, string? expected)
    {
        Assert.Equal(expected, KeySuggester.Suggest(typed, ["path", "dest_port", "dest_host", "milvus_version", "collection", "mode"]));
    }
}
