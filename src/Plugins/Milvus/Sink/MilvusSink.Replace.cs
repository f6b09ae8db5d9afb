using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Protos.Milvus;

namespace MilvusDm.Plugins.Milvus.Sink;

/// <summary>
/// Mode replace: every dataset planned into a name is written into one staging collection; completing the last one
/// verifies it (count, and digest with <c>verify: digest</c>) and only then switches the name to it.
/// </summary>
internal sealed partial class MilvusSink
{
    private async Task<SinkPlan> PlanReplaceAsync(SinkTarget target, DestinationNames names, bool first, CancellationToken ct)
    {
        var actions = new List<string>();
        if (target.Resuming)
        {
            actions.Add($"continue writing the staging collection {names.Collection}{AliasSwitch.StagingHint} of the interrupted run");
        }
        else if (first)
        {
            var live = await _aliases.ResolveAsync(names.Collection, ct).ConfigureAwait(false);
            actions.Add($"create the staging collection {names.Collection}{AliasSwitch.StagingHint}; readers keep seeing {live.Collection ?? "nothing"} meanwhile");
            string check = target.Verify switch
            {
                VerifyLevel.Digest => "row count and content digest",
                VerifyLevel.None => "nothing (verify: none)",
                _ => "row count",
            };
            actions.Add($"after the last dataset: build the index, verify the {check}, then " + (live.Collection is null
                ? $"create the alias {names.Collection}"
                : live.IsAlias
                    ? $"switch the alias {names.Collection} from {live.Collection} atomically"
                    : $"rename the collection {names.Collection} away and create the alias {names.Collection} (it resolves to nothing for a moment)"));
            if (live.Collection is not null)
            {
                actions.Add(_config.KeepPrevious ? "keep the previous collection (keep_previous)" : "drop the previous collection");
            }
        }
        else
        {
            actions.Add($"write into the same staging collection as {_planned[names.Collection][0]}");
        }

        if (names.Partition is not null)
        {
            actions.Add($"write into partition {names.Partition}");
        }

        return new SinkPlan(Destination(names), actions) { KeepsExistingRows = false };
    }

    private async Task<IDatasetWriter> OpenReplacingAsync(SinkTarget target, DestinationNames names, string metric, CancellationToken ct)
    {
        if (!_replacing.TryGetValue(names.Collection, out var state))
        {
            var live = await _aliases.ResolveAsync(names.Collection, ct).ConfigureAwait(false);
            string? found = target.Resuming ? await _aliases.FindStagingAsync(names.Collection, ct).ConfigureAwait(false) : null;
            string staging = found ?? AliasSwitch.NewStagingName(names.Collection, DateTime.UtcNow);
            var planned = _planned.GetValueOrDefault(names.Collection);
            state = new ReplaceState(names.Collection, staging, live, planned is { Count: > 0 } ? planned[^1] : target.Source.Name, resumed: found is not null)
            {
                Created = found is not null,
            };
            _replacing.Add(names.Collection, state);
            _context.Log.Info($"{Destination(names)}: mode replace writes into the staging collection {staging}; readers keep seeing {live.Collection ?? "nothing"} until it is verified");
        }

        var staged = names with { Collection = state.Staging };
        ExistingShape shape;
        bool existed = state.Created;
        if (existed)
        {
            shape = await _existing.CheckAsync(state.Staging, target, ct).ConfigureAwait(false);
        }
        else
        {
            shape = await CreateCollectionAsync(state.Staging, target, ct).ConfigureAwait(false);
            state.Created = true;
        }

        if (staged.Partition is not null && !await HasPartitionAsync(staged, ct).ConfigureAwait(false))
        {
            await _client.CreatePartitionAsync(new CreatePartitionRequest { CollectionName = staged.Collection, PartitionName = staged.Partition }, ct).ConfigureAwait(false);
        }

        long before = existed ? await _steps.CountAsync(state.Staging, shape.Loaded, flush: true, ct).ConfigureAwait(false) : 0;
        bool digest = target.Verify == VerifyLevel.Digest && !state.Resumed;
        MilvusDatasetWriter? writer = null;
        writer = CreateWriter(staged, shape, target, async (rows, token) =>
        {
            // Readers of the name must find the new collection searchable, so it is loaded when the old one was.
            var result = await FinishAsync(staged, shape, metric, before, rows, writer!.AmbiguousResends, target, _config.Load || state.Live.Loaded, token).ConfigureAwait(false);
            if (target.Source.Name != state.LastDataset)
            {
                return result;
            }

            var facts = new Dictionary<string, string>(result.Properties);
            foreach (var (key, value) in await PublishAsync(state, target, token).ConfigureAwait(false))
            {
                facts[key] = value;
            }

            return result with { Destination = Destination(names), Properties = facts };
        }, digest ? batch => state.Add(RowDigester.Digest(batch), batch.HasIds) : null);
        return writer;
    }

    private async Task<Dictionary<string, string>> PublishAsync(ReplaceState state, SinkTarget target, CancellationToken ct)
    {
        if (target.Verify == VerifyLevel.Digest)
        {
            if (state.Resumed)
            {
                _context.Log.Warn($"{_endpoint.Display}/{state.Staging}: not digest-checked before the switch (the rows written before the interruption were not digested in this run)");
            }
            else
            {
                await new StagingVerifier(_endpoint, _context).VerifyAsync(state, ct).ConfigureAwait(false);
            }
        }

        return await _aliases.PublishAsync(state, _config.KeepPrevious, ct).ConfigureAwait(false);
    }
}
