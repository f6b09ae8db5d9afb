using System.Globalization;
using System.Text.Json;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Tool.Tests.Cli;

/// <summary>Whole jobs through the third-party CSV plugin, which the host has never heard of.</summary>
[Collection(ThirdPartyPluginsCollection.Name)]
public sealed class CsvJobTests(ThirdPartyPlugins plugins) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteVectors(string name, int rows, int dim, bool ids = true)
    {
        var random = new Random(rows * 31 + dim);
        var lines = Enumerable.Range(0, rows).Select(r =>
            (ids ? (1000 + (r * 7)).ToString(CultureInfo.InvariantCulture) + "," : "")
            + string.Join(',', Enumerable.Range(0, dim).Select(_ => ((float)random.NextDouble()).ToString("R", CultureInfo.InvariantCulture))));
        return _dir.Write(name, string.Join('\n', lines) + "\n");
    }

    private string WriteJob(string body) => _dir.Write("job.yaml", body);

    [Fact]
    public async Task Run_GeneralJobThroughThirdPartyPlugin_CopiesEveryRowWithProgressAndSummary()
    {
        // Arrange
        string input = WriteVectors("in/vectors.csv", rows: 2500, dim: 8);
        string job = WriteJob($"""
            source:
              plugin: csv
              path: {input}
            sink:
              plugin: csv
              dir: {_dir.Combine("out")}
              mode: overwrite
            batch:
              bytes: 4096
              in_flight: 2
            """);

        // Act
        ProcessResult result = await InProcessCli.RunAsync(plugins.CsvRoot, "run", job);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            File.ReadAllLines(input).Select(ParseRow),
            File.ReadAllLines(_dir.Combine("out", "vectors.csv")).Select(ParseRow));
        Assert.Contains("[vectors.csv] started (2,500 rows, 78.1 KB)", result.Error, StringComparison.Ordinal);
        Assert.Contains("[vectors.csv] done: 2,500/2,500 rows (100.0%)", result.Error, StringComparison.Ordinal);
        Assert.Contains("vectors.csv -> " + _dir.Combine("out", "vectors.csv") + ": 2,500 rows read, 2,500 written, count check passed", result.Output, StringComparison.Ordinal);
        Assert.Contains("done: 1 datasets, 2,500 rows read, 2,500 rows written", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("out", "vectors.csv.partial")));
    }

    [Fact]
    public async Task Run_IdLessSource_GetsOrdinalKeys()
    {
        string input = WriteVectors("plain.csv", rows: 10, dim: 4, ids: false);
        string job = WriteJob($"source: {{plugin: csv, path: {input}, has_ids: false}}\nsink: {{plugin: csv, dir: {_dir.Combine("out")}}}\n");

        ProcessResult result = await InProcessCli.RunAsync(plugins.CsvRoot, "run", job);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), File.ReadAllLines(_dir.Combine("out", "plain.csv")).Select(l => long.Parse(l.Split(',')[0], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Validate_MisspelledKey_Exits2NamingLineColumnAndSuggestion()
    {
        string input = WriteVectors("v.csv", rows: 3, dim: 2);
        string job = WriteJob($"source:\n  plugin: csv\n  pth: {input}\nsink:\n  plugin: csv\n  dir: out\n");

        ProcessResult result = await InProcessCli.RunAsync(plugins.CsvRoot, "validate", job);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {job}:3:3: unknown key 'source.pth'; did you mean 'path'?", result.Error.Trim());
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Validate_GoodJob_PrintsPlanAndWritesNothing()
    {
        string input = WriteVectors("v.csv", rows: 3, dim: 2);
        string job = WriteJob($"source: {{plugin: csv, path: {input}}}\nsink: {{plugin: csv, dir: {_dir.Combine("out")}}}\n");

        ProcessResult result = await InProcessCli.RunAsync(plugins.CsvRoot, "validate", job);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("dataset v.csv: 3 rows, 24 B, dim 2, float32, metric L2, ids from source", result.Output, StringComparison.Ordinal);
        Assert.Contains("create " + _dir.Combine("out", "v.csv"), result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.Combine("out")));
    }

    [Fact]
    public async Task Run_DryRunWithSetOverride_PrintsPlanForOverriddenDestinationAndWritesNothing()
    {
        string input = WriteVectors("v.csv", rows: 3, dim: 2);
        string job = WriteJob($"source: {{plugin: csv, path: {input}}}\nsink: {{plugin: csv, dir: {_dir.Combine("out")}}}\n");

        ProcessResult result = await InProcessCli.RunAsync(plugins.CsvRoot, "run", job, "--dry-run", "--set", "sink.collection=renamed", "--set", $"sink.dir={_dir.Combine("other")}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("-> " + _dir.Combine("other", "renamed.csv"), result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.Combine("other")));
    }

    [Fact]
    public async Task Run_Report_WritesPerDatasetJson()
    {
        string input = WriteVectors("v.csv", rows: 5, dim: 2);
        string job = WriteJob($"source: {{plugin: csv, path: {input}}}\nsink: {{plugin: csv, dir: {_dir.Combine("out")}}}\n");
        string report = _dir.Combine("report.json");

        ProcessResult result = await InProcessCli.RunAsync(plugins.CsvRoot, "run", job, "--report", report);

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(report));
        Assert.Equal("succeeded", json.RootElement.GetProperty("status").GetString());
        JsonElement dataset = json.RootElement.GetProperty("datasets").EnumerateArray().Single();
        Assert.Equal(5, dataset.GetProperty("rows_read").GetInt64());
        Assert.Equal(5, dataset.GetProperty("rows_written").GetInt64());
        Assert.Equal("passed", dataset.GetProperty("verification").GetString());
    }

    [Fact]
    public async Task Run_SkipModeWithExistingDestination_SkipsWithoutReading()
    {
        string input = WriteVectors("v.csv", rows: 5, dim: 2);
        _dir.Write("out/v.csv", "keep me\n");
        string job = WriteJob($"source: {{plugin: csv, path: {input}}}\nsink: {{plugin: csv, dir: {_dir.Combine("out")}, mode: skip}}\n");

        ProcessResult result = await InProcessCli.RunAsync(plugins.CsvRoot, "run", job);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("keep me\n", File.ReadAllText(_dir.Combine("out", "v.csv")));
        Assert.Contains("skipped (destination exists)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownPlugin_Exits2SuggestingTheNearestName()
    {
        string job = WriteJob("source: {plugin: cvs, path: x.csv}\nsink: {plugin: csv, dir: out}\n");

        ProcessResult result = await InProcessCli.RunAsync(plugins.CsvRoot, "run", job);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no source plugin named 'cvs'; did you mean 'csv'?", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CorruptSourceRow_Exits3WithOneLine()
    {
        string input = _dir.Write("bad.csv", "1,0.5,0.5\n2,0.5\n");
        string job = WriteJob($"source: {{plugin: csv, path: {input}}}\nsink: {{plugin: csv, dir: {_dir.Combine("out")}}}\n");

        ProcessResult result = await InProcessCli.RunAsync(plugins.CsvRoot, "run", job);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal($"error: {input}: line 2 has 1 values; earlier lines have 2", result.Error.Trim());
    }

    /// <summary>A row as id and the exact float32 bit patterns, so text formatting differences cannot hide a change.</summary>
    private static string ParseRow(string line)
    {
        string[] parts = line.Split(',');
        long id = long.Parse(parts[0], CultureInfo.InvariantCulture);
        return id.ToString(CultureInfo.InvariantCulture) + ":" + string.Join(',', parts.Skip(1).Select(p => BitConverter.SingleToInt32Bits(float.Parse(p, CultureInfo.InvariantCulture))));
    }
}
