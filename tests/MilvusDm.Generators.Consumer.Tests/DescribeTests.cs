using MilvusDm.Abstractions;

namespace MilvusDm.Generators.Consumer.Tests;

public sealed class DescribeTests
{
    private static ConfigKeyInfo Key(string name) => SampleConfig.Describe().Single(k => k.Key == name);

    [Fact]
    public void Describe_ListsEveryKeyWithTypeDefaultAndDescription()
    {
        Assert.Equal(new ConfigKeyInfo("uri", "string", true, null, [], "Server address."), Key("uri") with { Aliases = [] });
        Assert.Equal("enum(skip|append|overwrite|keep-last)", Key("mode").Type);
        Assert.Equal("append", Key("mode").Default);
        Assert.Equal("1000", Key("batch_rows").Default);
        Assert.Equal("67108864", Key("max_bytes").Default);
        Assert.Equal("0.5", Key("ratio").Default);
        Assert.Equal("false", Key("verbose").Default);
        Assert.Null(Key("limit").Default);
        Assert.Equal("list<string>", Key("paths").Type);
        Assert.Equal("map<string,list<string>>", Key("collections").Type);
        Assert.Equal(["milvus-version"], Key("milvus_version").Aliases);
        Assert.Equal("string", Key("index_type").Type);
    }

    [Fact]
    public void Describe_NestedConfigs_AreFlattenedWithDottedKeys()
    {
        Assert.Equal("object", Key("mysql").Type);
        Assert.True(Key("mysql.host").Required);
        Assert.Equal("3306", Key("mysql.port").Default);
        Assert.Equal("3306", Key("replicas[].port").Default);
    }

    [Fact]
    public void Describe_SecretKeys_NeverShowADefault()
    {
        Assert.Null(Key("token").Default);
        Assert.Null(Key("mysql.password").Default);
    }
}
