using MilvusDm.Tool.Jobs;
using MilvusDm.Tool.Output;
using MilvusDm.Tool.Pipeline;
using MilvusDm.Tool.Plugins;
using MilvusDm.Tool.Progress;
using MilvusDm.Tool.State;
using MilvusDm.Tool.Tests.Fakes;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Tool.Tests.Pipeline;

/// <summary>Runs a job between a memory source and sink through the real reader, session and runner.</summary>
internal static class PipelineHarness
{
    public static Task<(RunResult Result, string Errors)> RunAsync(MemorySource source, MemorySink sink, string settingsYaml, CancellationToken cancellationToken = default) =>
        RunAsync(source, sink, settingsYaml, stateDirectory: null, ResumeMode.Default, cancellationToken);

    /// <summary>Runs with a ledger in <paramref name="stateDirectory"/> (when given), as <c>run --state-dir</c> does.</summary>
    public static async Task<(RunResult Result, string Errors)> RunAsync(MemorySource source, MemorySink sink, string settingsYaml, string? stateDirectory, ResumeMode mode, CancellationToken cancellationToken = default)
    {
        using var dir = new TempDirectory();
        string job = dir.Write("job.yaml", "source: {plugin: memory}\nsink: {plugin: memory}\n" + settingsYaml);
        using var errors = new StringWriter();
        var console = new ToolConsole(TextWriter.Null, errors, verbose: false, new SecretMasker());
        PluginCatalog catalog = PluginCatalog.FromInstances([new MemoryPlugin(source, sink)]);
        JobDefinition definition = new JobFileReader(catalog, console.Warn, console.Masker.Register).Read(job, []);
        await using JobSession session = await JobSession.OpenAsync(definition, catalog, console, cancellationToken);
        (JobLedger? ledger, bool resuming) = stateDirectory is null ? (null, false) : LedgerStore.Open(definition, stateDirectory, mode);
        RunResult result = await new JobRunner(console, ledger, resuming).RunAsync(session, new PlainProgressDisplay(console, TimeSpan.FromHours(1)), cancellationToken);
        return (result, errors.ToString());
    }
}
