using MilvusDm.Abstractions;
using MilvusDm.Tool.Jobs;
using MilvusDm.Tool.Plugins;
using MilvusDm.Tool.Tests.Fakes;
using MilvusDm.Tool.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace MilvusDm.Tool.Tests.Jobs;

public sealed class JobFileReaderTests : IDisposable
{
    private static readonly ConfigKeyInfo Required = new("x", "string", true, null, [], "");
    private readonly TempDirectory _dir = new();
    private readonly List<string> _warnings = [];
    private readonly PluginCatalog _catalog = PluginCatalog.FromInstances(
    [
        new ManifestOnlyPlugin(new PluginManifest("faiss", "1", "")
        {
            SourceConfig = [Required with { Key = "path" }],
            OriginalKeys = [new OriginalKeyMapping("F2M", PluginRole.Source, "data_path", "path")],
        }),
        new ManifestOnlyPlugin(new PluginManifest("milvus", "1", "")
        {
            SinkConfig = [Required with { Key = "host" }, Required with { Key = "collection" }],
            OriginalKeys =
            [
                new OriginalKeyMapping("F2M", PluginRole.Sink, "dest_host", "host"),
                new OriginalKeyMapping("F2M", PluginRole.Sink, "dest_collection_name", "collection"),
                new OriginalKeyMapping("F2M", PluginRole.Sink, "mode", "mode"),
            ],
        }),
    ]);

    public void Dispose() => _dir.Dispose();

    private JobDefinition Read(string yaml, params string[] overrides) =>
        new JobFileReader(_catalog, _warnings.Add, _ => { }).Read(_dir.Write("job.yaml", yaml), overrides.Select(SetOverride.Parse).ToList());

    private static string Scalar(PluginConfigNode node, string key) =>
        ((YamlScalarNode)node.Mapping.Children[new YamlScalarNode(key)]).Value!;

    [Fact]
    public void Read_OriginalFile_RoutesKeysToThePluginsThatDeclareThem()
    {
        JobDefinition job = Read("""
            F2M:
              milvus_version: 2.0.0
              data_path: /data/a.index
              dest_host: 127.0.0.1
              dest_collection_name: demo
              mode: append
              verify: none
            """);

        Assert.Equal(("faiss", "milvus", "F2M"), (job.SourcePlugin, job.SinkPlugin, job.OriginalTask));
        Assert.Equal("/data/a.index", Scalar(job.Source, "path"));
        Assert.Equal("127.0.0.1", Scalar(job.Sink, "host"));
        Assert.Equal("append", Scalar(job.Sink, "mode"));
        Assert.Equal(VerifyMode.None, job.Settings.Verify);
        Assert.True(job.Source.UnknownKeysAreWarnings);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Read_OriginalFileWithExtraKey_WarnsWithPositionAndSuggestion()
    {
        Read("F2M:\n  data_path: a\n  dest_host: h\n  dest_collection_name: c\n  dest_prot: 19530\n");

        string warning = Assert.Single(_warnings);
        Assert.EndsWith("job.yaml:5:3: unknown key 'F2M.dest_prot' (ignored); did you mean 'dest_host'?", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OriginalFileMissingRequiredKey_Exits2NamingItAndTheLikelyMisspelling()
    {
        var error = Assert.Throws<ConfigException>(() => Read("F2M:\n  data_pth: a\n  dest_host: h\n  dest_collection_name: c\n"));

        Assert.Equal(2, error.ExitCode);
        Assert.EndsWith("job.yaml:1:1: missing required key 'F2M.data_path' ('F2M.data_pth' at line 2 may be a misspelling of it)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SetOverrideInOriginalFile_ReplacesTheValue()
    {
        JobDefinition job = Read("F2M:\n  data_path: a\n  dest_host: h\n  dest_collection_name: c\n", "F2M.dest_host=10.0.0.9");

        Assert.Equal("10.0.0.9", Scalar(job.Sink, "host"));
    }

    [Fact]
    public void Read_GeneralFileUnknownTopLevelKey_IsAnErrorWithSuggestion()
    {
        var error = Assert.Throws<ConfigException>(() => Read("source: {plugin: faiss}\nsink: {plugin: milvus}\nverfy: digest\n"));

        Assert.EndsWith("job.yaml:3:1: unknown key 'verfy'; did you mean 'verify'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GeneralFileWithoutSourcePlugin_IsAnError()
    {
        var error = Assert.Throws<ConfigException>(() => Read("source: {path: a}\nsink: {plugin: milvus}\n"));

        Assert.Contains("'source.plugin' is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GeneralFile_SettingsAreBoundWithDefaults()
    {
        JobDefinition job = Read("source: {plugin: faiss}\nsink: {plugin: milvus}\nbatch: {in_flight: 8}\nnan_policy: skip\n");

        Assert.Equal((8, 4 * 1024 * 1024), (job.Settings.Batch.InFlight, job.Settings.Batch.Bytes));
        Assert.Equal(NanPolicy.Skip, job.Settings.NanPolicy);
        Assert.Equal(IdsMode.Ordinal, job.Settings.Ids);
        Assert.Null(job.OriginalTask);
    }

    [Theory]
    [InlineData("source: [a\n", "invalid YAML")]
    [InlineData("- a\n- b\n", "a job file is one YAML mapping")]
    [InlineData("a: &a [1,2]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\n", "alias bomb")]
    public void Read_BrokenYaml_IsAConfigError(string yaml, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => Read(yaml));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.ExitCode);
    }
}
