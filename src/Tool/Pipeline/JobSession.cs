using MilvusDm.Abstractions;
using MilvusDm.Tool.Jobs;
using MilvusDm.Tool.Output;
using MilvusDm.Tool.Plugins;

namespace MilvusDm.Tool.Pipeline;

/// <summary>A job's configured source and sink, and the plan for every dataset. Disposing closes both.</summary>
internal sealed class JobSession : IAsyncDisposable
{
    private JobSession(JobDefinition job, IVectorSource source, IVectorSink sink, IReadOnlyList<DatasetPlan> datasets, DigestVerifier? verifier)
    {
        Job = job;
        Source = source;
        Sink = sink;
        Datasets = datasets;
        Verifier = verifier;
    }

    public JobDefinition Job { get; }

    public IVectorSource Source { get; }

    public IVectorSink Sink { get; }

    public IReadOnlyList<DatasetPlan> Datasets { get; }

    /// <summary>The digest verifier when the job asks for <c>verify: digest</c>.</summary>
    public DigestVerifier? Verifier { get; }

    public static async Task<JobSession> OpenAsync(JobDefinition job, PluginCatalog catalog, ToolConsole console, CancellationToken cancellationToken)
    {
        var context = new PluginContext(console)
        {
            BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(job.File)) ?? Environment.CurrentDirectory,
            RegisterSecret = console.Masker.Register,
        };
        var sourcePlugin = Require<ISourcePlugin>(catalog, job.SourcePlugin, "source", job);
        var sinkPlugin = Require<ISinkPlugin>(catalog, job.SinkPlugin, "sink", job);
        IVectorSource source = sourcePlugin.CreateSource(job.Source, context);
        IVectorSink? sink = null;
        try
        {
            sink = sinkPlugin.CreateSink(job.Sink, context);
            DigestVerifier? verifier = job.Settings.Verify == VerifyMode.Digest ? new DigestVerifier(sink, job.SinkPlugin) : null;
            IReadOnlyList<DatasetInfo> datasets = await source.ListDatasetsAsync(cancellationToken).ConfigureAwait(false);
            var plans = new List<DatasetPlan>(datasets.Count);
            foreach (DatasetInfo dataset in datasets)
            {
                bool assignIds = !dataset.Schema.HasIds && job.Settings.Ids == IdsMode.Ordinal;
                DatasetSchema schema = assignIds ? dataset.Schema with { KeyType = KeyType.Int64 } : dataset.Schema;
                var target = new SinkTarget(dataset, schema) { Verify = LevelOf(job.Settings.Verify) };
                SinkPlan plan = await sink.PlanAsync(target, cancellationToken).ConfigureAwait(false);
                plans.Add(new DatasetPlan(dataset, target, plan, assignIds));
            }

            return new JobSession(job, source, sink, plans, verifier);
        }
        catch
        {
            if (sink is not null)
            {
                await sink.DisposeAsync().ConfigureAwait(false);
            }

            await source.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Sink.DisposeAsync().ConfigureAwait(false);
        await Source.DisposeAsync().ConfigureAwait(false);
    }

    private static VerifyLevel LevelOf(VerifyMode mode) => mode switch
    {
        VerifyMode.Digest => VerifyLevel.Digest,
        VerifyMode.None => VerifyLevel.None,
        _ => VerifyLevel.Count,
    };

    private static T Require<T>(PluginCatalog catalog, string name, string role, JobDefinition job)
        where T : class, IPlugin
    {
        LoadedPlugin? plugin = catalog.Find(name);
        if (plugin?.Instance is T typed)
        {
            return typed;
        }

        string known = string.Join(", ", catalog.Loaded.Where(p => p.Instance is T).Select(p => p.Name).Order(StringComparer.Ordinal));
        string? failed = catalog.Plugins.FirstOrDefault(p => p.Instance is null && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.Error;
        string reason = plugin is not null
            ? $"plugin '{name}' cannot act as a {role}"
            : failed is not null ? $"{role} plugin '{name}' failed to load: {failed}" : $"no {role} plugin named '{name}'";
        string? suggestion = KeySuggester.Suggest(name, catalog.Loaded.Where(p => p.Instance is T).Select(p => p.Name));
        throw new ConfigException($"{job.File}: {reason}" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?") + $" (available {role}s: {(known.Length == 0 ? "none" : known)})");
    }
}
