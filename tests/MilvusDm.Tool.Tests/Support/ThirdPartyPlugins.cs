using System.Globalization;

namespace MilvusDm.Tool.Tests.Support;

/// <summary>
/// Builds the third-party plugin fixtures once per test run, the way an outside author would: Abstractions is
/// packed into a local feed (with the generator inside) and the plugins are restored from it in a folder outside
/// this repository, then published into plugin roots. Nothing in the host changes for them.
/// </summary>
public sealed class ThirdPartyPlugins : IAsyncLifetime
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private readonly TempDirectory _work = new("milvusdm-plugins");

    /// <summary>Root holding <c>CsvPlugin/CsvPlugin.dll</c>.</summary>
    public string CsvRoot => _work.Combine("csv-root");

    /// <summary>Root holding two probes built against different Newtonsoft.Json versions.</summary>
    public string ProbeRoot => _work.Combine("probe-root");

    public string AbstractionsVersion { get; } = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        string feed = _work.Combine("feed");
        await ProcessRunner.DotnetAsync(BuildTimeout, RepoPaths.Root, "pack", "src/Abstractions/MilvusDm.Abstractions.csproj", "-c", RepoPaths.Configuration, "-o", feed, $"-p:Version={AbstractionsVersion}");
        string sources = _work.Combine("src");
        CopyFixture("CsvPlugin", sources);
        CopyFixture("IsolationProbePlugin", sources, "ProbeOld");
        CopyFixture("IsolationProbePlugin", sources, "ProbeNew");
        File.WriteAllText(Path.Combine(sources, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        string version = $"-p:MilvusDmAbstractionsVersion={AbstractionsVersion}";
        await ProcessRunner.DotnetAsync(BuildTimeout, sources, "publish", "CsvPlugin/CsvPlugin.csproj", "-c", "Release", "-o", Path.Combine(CsvRoot, "CsvPlugin"), version);
        await ProcessRunner.DotnetAsync(BuildTimeout, sources, "publish", "ProbeOld/IsolationProbePlugin.csproj", "-c", "Release", "-o", Path.Combine(ProbeRoot, "ProbeOld"), version, "-p:ProbeName=ProbeOld", "-p:JsonVersion=13.0.1");
        await ProcessRunner.DotnetAsync(BuildTimeout, sources, "publish", "ProbeNew/IsolationProbePlugin.csproj", "-c", "Release", "-o", Path.Combine(ProbeRoot, "ProbeNew"), version, "-p:ProbeName=ProbeNew", "-p:JsonVersion=13.0.3");
    }

    public Task DisposeAsync()
    {
        _work.Dispose();
        RemoveCachedTestPackages();
        return Task.CompletedTask;
    }

    private static void CopyFixture(string name, string destination, string? copyName = null)
    {
        string from = Path.Combine(RepoPaths.Root, "tests", "Fixtures", name);
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj", StringComparison.Ordinal)))
        {
            string target = Path.Combine(destination, copyName ?? name, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private void RemoveCachedTestPackages()
    {
        // Each run packs a unique pre-release version (so restore never reuses a stale cached copy); drop it again.
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string mine = Path.Combine(cache, "milvusdm.abstractions", AbstractionsVersion);
        if (Directory.Exists(mine))
        {
            Directory.Delete(mine, recursive: true);
        }
    }
}
