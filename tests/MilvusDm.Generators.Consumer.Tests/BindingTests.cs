using MilvusDm.Abstractions;

namespace MilvusDm.Generators.Consumer.Tests;

public sealed class BindingTests
{
    [Fact]
    public void Bind_EveryValueKind_ProducesTypedValues()
    {
        // Arrange
        const string yaml = """
            paths: [a.h5, b.h5]
            uri: http://127.0.0.1:19530
            milvus-version: 2.3.0
            mode: OVERWRITE
            verbose: yes
            batch_rows: 42
            max_bytes: 9000000000
            ratio: 0.25
            limit: 7
            mysql:
              host: db
              port: 3307
            collections:
              c1: [p1, p2]
              c2:
            replicas:
              - host: r1
              - host: r2
                port: 1
            index_type: HNSW
            """;

        // Act
        SampleConfig config = SampleConfig.Bind(PluginConfigNode.FromYaml(yaml, "job.yaml"));

        // Assert
        Assert.Equal(["a.h5", "b.h5"], config.Paths);
        Assert.Equal("http://127.0.0.1:19530", config.Uri);
        Assert.Equal("2.3.0", config.MilvusVersion);
        Assert.Equal(SampleMode.Overwrite, config.Mode);
        Assert.True(config.Verbose);
        Assert.Equal(42, config.BatchRows);
        Assert.Equal(9_000_000_000L, config.MaxBytes);
        Assert.Equal(0.25, config.Ratio);
        Assert.Equal(7, config.Limit);
        Assert.Equal("db", config.MySql!.Host);
        Assert.Equal(3307, config.MySql.Port);
        Assert.Equal(["p1", "p2"], config.Collections!["c1"]);
        Assert.True(config.Collections.ContainsKey("c2"));
        Assert.Null(config.Collections["c2"]);
        Assert.Equal(["r1", "r2"], config.Replicas!.Select(r => r.Host));
        Assert.Equal([3306, 1], config.Replicas!.Select(r => r.Port));
        Assert.Equal("HNSW", config.IndexType);
    }

    [Fact]
    public void Bind_AbsentOptionalKeys_KeepTypeDefaults()
    {
        SampleConfig config = SampleConfig.Bind(PluginConfigNode.FromYaml("dir: /data\nuri: x\nlimit: ~\n"));

        Assert.Equal("/data", config.Dir);
        Assert.Equal(SampleMode.Append, config.Mode);
        Assert.Equal(1000, config.BatchRows);
        Assert.Null(config.Limit);
        Assert.Null(config.MySql);
    }

    [Fact]
    public void Bind_EnumWithDashOrUnderscore_MatchesMember()
    {
        Assert.Equal(SampleMode.KeepLast, SampleConfig.Bind(PluginConfigNode.FromYaml("dir: d\nuri: x\nmode: keep-last")).Mode);
        Assert.Equal(SampleMode.KeepLast, SampleConfig.Bind(PluginConfigNode.FromYaml("dir: d\nuri: x\nmode: keep_last")).Mode);
    }

    [Fact]
    public void Bind_SecretKeys_AreRegisteredForMasking()
    {
        var secrets = new List<string>();
        var node = PluginConfigNode.FromYaml("dir: d\nuri: x\ntoken: s3cr3t\nmysql: {host: h, password: pw}") with { RegisterSecret = secrets.Add };

        SampleConfig.Bind(node);

        Assert.Equal(["s3cr3t", "pw"], secrets.Order().Reverse());
    }
}
