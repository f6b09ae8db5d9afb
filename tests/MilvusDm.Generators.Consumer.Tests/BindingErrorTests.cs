using MilvusDm.Abstractions;

namespace MilvusDm.Generators.Consumer.Tests;

public sealed class BindingErrorTests
{
    private static ConfigException BindFails(string yaml) =>
        Assert.Throws<ConfigException>(() => SampleConfig.Bind(PluginConfigNode.FromYaml(yaml, "job.yaml") with { KeyPrefix = "source." }));

    [Fact]
    public void Bind_UnknownKey_NamesLineColumnAndSuggestion()
    {
        ConfigException error = BindFails("dir: d\nuri: x\n  \nbatch_rowz: 5\n");

        Assert.Equal(4, error.Line);
        Assert.Equal(1, error.Column);
        Assert.Equal("job.yaml:4:1: unknown key 'source.batch_rowz'; did you mean 'batch_rows'?", error.Message);
    }

    [Fact]
    public void Bind_UnknownKeyFarFromAll_HasNoSuggestion()
    {
        ConfigException error = BindFails("dir: d\nuri: x\nzzzzzzzzzzzz: 5\n");

        Assert.Equal("job.yaml:3:1: unknown key 'source.zzzzzzzzzzzz'", error.Message);
    }

    [Fact]
    public void Bind_UnknownKeyInOriginalFile_IsWarningAndBindingContinues()
    {
        var warnings = new List<string>();
        var node = PluginConfigNode.FromYaml("dir: d\nuri: x\nextra_key: 1\n", "F2M.yaml") with { UnknownKeysAreWarnings = true, Warn = warnings.Add };

        SampleConfig config = SampleConfig.Bind(node);

        Assert.Equal("d", config.Dir);
        Assert.Equal(["F2M.yaml:3:1: unknown key 'extra_key' (ignored)"], warnings);
    }

    [Fact]
    public void Bind_MisspeltRequiredKey_IsReportedAsUnknownWithTheRequiredKeySuggested()
    {
        ConfigException error = BindFails("dir: d\nurl: x\n");

        Assert.Equal("job.yaml:2:1: unknown key 'source.url'; did you mean 'uri'?", error.Message);
    }

    [Fact]
    public void Bind_MissingRequiredKey_NamesTheKey()
    {
        ConfigException error = BindFails("dir: d\n");

        Assert.Equal("job.yaml:1:1: missing required key 'source.uri'", error.Message);
    }

    [Fact]
    public void Bind_MissingRequiredKeyInWarningMode_NamesTheUnknownKeyThatMayBeIt()
    {
        var node = PluginConfigNode.FromYaml("dir: d\nurl: x\n", "F2M.yaml") with { UnknownKeysAreWarnings = true };

        ConfigException error = Assert.Throws<ConfigException>(() => SampleConfig.Bind(node));

        Assert.Equal("F2M.yaml:1:1: missing required key 'uri' ('url' may be a misspelling of it)", error.Message);
    }

    [Fact]
    public void Bind_RequiredKeyNull_SaysItMustNotBeNull()
    {
        ConfigException error = BindFails("dir: d\nuri: ~\n");

        Assert.Equal("job.yaml:2:6: 'source.uri' is required and must not be null", error.Message);
    }

    [Theory]
    [InlineData("dir: d\nuri: [a, b]\n", "job.yaml:2:6: 'source.uri' expects a string, got a list")]
    [InlineData("dir: d\nuri: x\nbatch_rows: many\n", "job.yaml:3:13: 'source.batch_rows' expects an integer from -2147483648 to 2147483647, got 'many'")]
    [InlineData("dir: d\nuri: x\nbatch_rows: 99999999999\n", "job.yaml:3:13: 'source.batch_rows' expects an integer from -2147483648 to 2147483647, got '99999999999'")]
    [InlineData("dir: d\nuri: x\nverbose: maybe\n", "job.yaml:3:10: 'source.verbose' expects true or false, got 'maybe'")]
    [InlineData("dir: d\nuri: x\nratio: half\n", "job.yaml:3:8: 'source.ratio' expects a number, got 'half'")]
    [InlineData("dir: d\nuri: x\nmode: merge\n", "job.yaml:3:7: 'source.mode' expects one of skip | append | overwrite | keep-last, got 'merge'")]
    [InlineData("paths: a.h5\nuri: x\n", "job.yaml:1:8: 'source.paths' expects a list, got 'a.h5'")]
    [InlineData("dir: d\nuri: x\nmysql: [1]\n", "job.yaml:3:8: 'source.mysql' expects a mapping of keys to values, got a list")]
    [InlineData("dir: d\nuri: x\nmysql:\n  host: h\n  port: p\n", "job.yaml:5:9: 'source.mysql.port' expects an integer from -2147483648 to 2147483647, got 'p'")]
    [InlineData("dir: d\nuri: x\nreplicas:\n  - host: h\n  - hots: h\n", "job.yaml:5:5: unknown key 'source.replicas[1].hots'; did you mean 'host'?")]
    [InlineData("dir: d\nuri: x\ncollections:\n  c1: [p1, [x]]\n", "job.yaml:4:12: 'source.collections.c1[1]' expects a string, got a list")]
    public void Bind_WrongType_NamesPositionAndExpectedType(string yaml, string expected)
    {
        Assert.Equal(expected, BindFails(yaml).Message);
    }

    [Fact]
    public void Bind_BothExclusiveKeysSet_IsAnError()
    {
        ConfigException error = BindFails("paths: [a]\ndir: d\nuri: x\n");

        Assert.Equal("job.yaml:2:6: set only one of 'source.paths', 'source.dir'; both 'source.paths' and 'source.dir' are set", error.Message);
    }

    [Fact]
    public void Bind_NeitherExclusiveKeySet_IsAnErrorWhenOneIsRequired()
    {
        ConfigException error = BindFails("paths: ~\ndir: ~\nuri: x\n");

        Assert.Equal("job.yaml:1:1: set exactly one of 'source.paths', 'source.dir'", error.Message);
    }

    [Fact]
    public void Bind_KeyAndItsAliasBothSet_IsAnError()
    {
        ConfigException error = BindFails("dir: d\nuri: x\nmilvus_version: 1\nmilvus-version: 2\n");

        Assert.Equal("job.yaml:4:1: duplicate key 'source.milvus-version'", error.Message);
    }

    [Fact]
    public void Bind_DuplicateKey_IsAnError()
    {
        ConfigException error = BindFails("dir: d\nuri: x\nuri: y\n");

        Assert.StartsWith("job.yaml:3:1: invalid YAML: Duplicate key", error.Message, StringComparison.Ordinal);
    }
}
