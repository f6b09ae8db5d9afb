using System.Globalization;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Tool.Tests.Cli;

[Collection(ThirdPartyPluginsCollection.Name)]
public sealed class VerifyTests(ThirdPartyPlugins plugins) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Job(string extra = "")
    {
        string input = _dir.Write("in.csv", string.Concat(Enumerable.Range(0, 50).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i * 3},{i}.25,{-i}.5\n"))));
        return _dir.Write("job.yaml", $"source: {{plugin: csv, path: {input}}}\nsink: {{plugin: csv, dir: {_dir.Combine("out")}, mode: overwrite}}\n{extra}");
    }

    [Fact]
    public async Task Run_VerifyDigest_ReadsTheDestinationBackAndPasses()
    {
        ProcessResult result = await InProcessCli.RunAsync(plugins.CsvRoot, "run", Job("verify: digest\n"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("50 written, digest ", result.Output, StringComparison.Ordinal);
        Assert.Contains("digest check passed", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_FinishedJob_PassesThenFailsAfterTheDestinationIsTampered()
    {
        string job = Job();
        Assert.Equal(0, (await InProcessCli.RunAsync(plugins.CsvRoot, "run", job)).ExitCode);

        ProcessResult good = await InProcessCli.RunAsync(plugins.CsvRoot, "verify", job);
        string output = _dir.Combine("out", "in.csv");
        File.WriteAllText(output, File.ReadAllText(output).Replace("3,1.25,", "3,1.5,", StringComparison.Ordinal));
        ProcessResult bad = await InProcessCli.RunAsync(plugins.CsvRoot, "verify", job);

        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.StartsWith("passed: ", good.Output, StringComparison.Ordinal);
        Assert.Equal(5, bad.ExitCode);
        Assert.StartsWith("FAILED: ", bad.Output, StringComparison.Ordinal);
    }
}
