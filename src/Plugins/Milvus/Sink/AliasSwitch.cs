using System.Globalization;
using System.Text.RegularExpressions;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Client;
using MilvusDm.Plugins.Milvus.Protos.Common;
using MilvusDm.Plugins.Milvus.Protos.Milvus;

namespace MilvusDm.Plugins.Milvus.Sink;

/// <summary>
/// Mode replace on the server (issue 8, safe replace): staging collections are named <c>NAME__vSTAMP</c>; once one is
/// verified, the alias NAME is switched to it (AlterAlias, atomic for readers) and the previous collection is dropped
/// unless kept. A NAME that is still a plain collection is renamed out of the way first and then becomes an alias:
/// for that one moment NAME resolves to nothing, which the result states.
/// </summary>
internal sealed class AliasSwitch(MilvusClient client, string display, IPluginLog log)
{
    private const string StagingMark = "__v";
    private const string StampFormat = "yyyyMMddHHmmssfff";

    /// <summary>How staging names look, for plans (the stamp is only known when the run starts).</summary>
    public const string StagingHint = StagingMark + "<UTC time>";

    /// <summary>A new staging name for <paramref name="name"/>, unique per run (UTC time to the millisecond).</summary>
    public static string NewStagingName(string name, DateTime utcNow) => Versioned(name, StagingMark, utcNow);

    public async Task<LiveTarget> ResolveAsync(string name, CancellationToken ct)
    {
        if (!(await client.HasCollectionAsync(new HasCollectionRequest { CollectionName = name }, ct).ConfigureAwait(false)).Value)
        {
            return new LiveTarget(null, IsAlias: false, Loaded: false);
        }

        var described = await client.DescribeCollectionAsync(new DescribeCollectionRequest { CollectionName = name }, ct).ConfigureAwait(false);
        // Described through an alias, the response names the collection itself (and lists the alias).
        string real = !string.IsNullOrEmpty(described.CollectionName) && described.CollectionName != name ? described.CollectionName
            : described.Schema.Name != name && !string.IsNullOrEmpty(described.Schema.Name) ? described.Schema.Name
            : name;
        bool isAlias = real != name || described.Aliases.Contains(name);
        var load = await client.GetLoadStateAsync(new GetLoadStateRequest { CollectionName = real }, ct).ConfigureAwait(false);
        return new LiveTarget(real, isAlias, load.State == LoadState.Loaded);
    }

    /// <summary>The newest staging collection of <paramref name="name"/>, left by an interrupted run, or <c>null</c>.</summary>
    public async Task<string?> FindStagingAsync(string name, CancellationToken ct)
    {
        var shown = await client.ShowCollectionsAsync(new ShowCollectionsRequest(), ct).ConfigureAwait(false);
        var pattern = new Regex("^" + Regex.Escape(Prefix(name, StagingMark)) + @"\d{17}$", RegexOptions.CultureInvariant);
        return shown.CollectionNames.Where(c => pattern.IsMatch(c)).Order(StringComparer.Ordinal).LastOrDefault();
    }

    /// <summary>Points <see cref="ReplaceState.Name"/> at the staging collection and disposes of the previous one.</summary>
    public async Task<Dictionary<string, string>> PublishAsync(ReplaceState state, bool keepPrevious, CancellationToken ct)
    {
        var facts = new Dictionary<string, string> { ["replace_staging"] = state.Staging, ["alias"] = state.Name };
        var live = state.Live;
        string? previous = live.Collection;
        if (state.AlreadyLive)
        {
            facts["replace_switch"] = "already switched by the interrupted run";
            return facts;
        }

        if (previous is null)
        {
            await client.CreateAliasAsync(new CreateAliasRequest { Alias = state.Name, CollectionName = state.Staging }, ct).ConfigureAwait(false);
            facts["replace_switch"] = "alias created";
        }
        else if (live.IsAlias)
        {
            await client.AlterAliasAsync(new AlterAliasRequest { Alias = state.Name, CollectionName = state.Staging }, ct).ConfigureAwait(false);
            facts["replace_switch"] = "alias switched atomically";
        }
        else
        {
            previous = await ConvertToAliasAsync(state, ct).ConfigureAwait(false);
            facts["replace_switch"] = $"{state.Name} was a plain collection: renamed to {previous}, then created as an alias (it resolved to nothing for a moment)";
        }

        facts["replace_previous"] = previous ?? "(none)";
        if (previous is not null)
        {
            facts["replace_previous_action"] = keepPrevious ? "kept (keep_previous)" : await DropPreviousAsync(previous, ct).ConfigureAwait(false);
        }

        log.Info($"{display}/{state.Name} now serves {state.Staging}" + (previous is null ? "" : $" (was {previous}: {facts["replace_previous_action"]})"));
        return facts;
    }

    private async Task<string> ConvertToAliasAsync(ReplaceState state, CancellationToken ct)
    {
        string renamed = Versioned(state.Name, "__previous", DateTime.UtcNow);
        log.Warn($"{display}/{state.Name} is a plain collection: renaming it to {renamed} and creating the alias {state.Name}; "
            + "until the alias exists (a moment) the name resolves to nothing. Later replaces switch the alias atomically.");
        await client.RenameCollectionAsync(new RenameCollectionRequest { OldName = state.Name, NewName = renamed }, ct).ConfigureAwait(false);
        try
        {
            await client.CreateAliasAsync(new CreateAliasRequest { Alias = state.Name, CollectionName = state.Staging }, ct).ConfigureAwait(false);
        }
        catch (DestinationException)
        {
            // Put the old collection back under its name so readers keep the old data.
            await client.RenameCollectionAsync(new RenameCollectionRequest { OldName = renamed, NewName = state.Name }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return renamed;
    }

    private async Task<string> DropPreviousAsync(string previous, CancellationToken ct)
    {
        try
        {
            await client.DropCollectionAsync(new DropCollectionRequest { CollectionName = previous }, ct).ConfigureAwait(false);
            return "dropped";
        }
        catch (DestinationException ex)
        {
            // Typically another alias still points at it; the new data is live, so this is not a failure of the job.
            log.Warn($"{display}: the previous collection {previous} was kept: {ex.Message}");
            return "kept: " + ex.Message;
        }
    }

    private static string Versioned(string name, string mark, DateTime utcNow) =>
        Prefix(name, mark) + utcNow.ToString(StampFormat, CultureInfo.InvariantCulture);

    /// <summary>NAME plus the mark, shortened so that NAME, mark and stamp fit Milvus's 255 characters.</summary>
    private static string Prefix(string name, string mark)
    {
        int room = 255 - mark.Length - StampFormat.Length;
        return (name.Length > room ? name[..room] : name) + mark;
    }
}
