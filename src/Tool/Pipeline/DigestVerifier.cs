using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Pipeline;

/// <summary>
/// <c>verify: digest</c>: per destination, the digest of what it holds after the job must equal the digest of what
/// it held before (when the mode keeps it) plus the digests of every source dataset copied into it. Sources without
/// ids are compared by <c>vectors_digest</c>, since their keys are assigned on the way.
/// </summary>
internal sealed class DigestVerifier
{
    private readonly IReadableSink _sink;
    private readonly Dictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    public DigestVerifier(IVectorSink sink, string sinkName)
    {
        _sink = sink as IReadableSink
            ?? throw new ConfigException($"verify: digest needs to read the destination back, and the '{sinkName}' sink cannot; use verify: count");
    }

    /// <summary>Records what the destination holds before the first dataset is written to it.</summary>
    public async Task BeforeAsync(DatasetPlan plan, CancellationToken cancellationToken)
    {
        if (_tallies.ContainsKey(plan.Plan.Destination))
        {
            return;
        }

        DigestPair before = default;
        if (plan.Plan.KeepsExistingRows && await _sink.OpenDestinationAsync(plan.Target, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            await using (existing.ConfigureAwait(false))
            {
                before = await SourceDigest.ComputeAllAsync(existing, cancellationToken).ConfigureAwait(false);
            }
        }

        _tallies[plan.Plan.Destination] = new Tally(plan.Target, before);
    }

    /// <summary>Expects <paramref name="plan"/>'s destination to hold only what is copied into it (<c>milvusdm verify</c>).</summary>
    public void Track(DatasetPlan plan)
    {
        _tallies.TryAdd(plan.Plan.Destination, new Tally(plan.Target, default));
    }

    /// <summary>Adds a copied dataset's digest to its destination's expectation.</summary>
    public void Add(DatasetPlan plan, DigestPair copied)
    {
        Tally tally = _tallies[plan.Plan.Destination];
        tally.Expected += copied;
        tally.ByVectorsOnly |= !plan.Dataset.Schema.HasIds;
    }

    /// <summary>Reads every destination back and compares.</summary>
    public async Task<IReadOnlyList<DestinationCheck>> VerifyAsync(CancellationToken cancellationToken)
    {
        var checks = new List<DestinationCheck>();
        foreach ((string destination, Tally tally) in _tallies)
        {
            DigestPair actual = default;
            if (await _sink.OpenDestinationAsync(tally.Target, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                await using (stored.ConfigureAwait(false))
                {
                    actual = await SourceDigest.ComputeAllAsync(stored, cancellationToken).ConfigureAwait(false);
                }
            }

            checks.Add(new DestinationCheck(destination, tally.Expected, actual, tally.ByVectorsOnly));
        }

        return checks;
    }

    private sealed class Tally(SinkTarget target, DigestPair before)
    {
        public SinkTarget Target { get; } = target;

        public DigestPair Expected { get; set; } = before;

        public bool ByVectorsOnly { get; set; }
    }
}
