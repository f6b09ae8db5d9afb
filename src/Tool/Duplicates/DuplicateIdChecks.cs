using MilvusDm.Abstractions;
using MilvusDm.Tool.Jobs;
using MilvusDm.Tool.Pipeline;

namespace MilvusDm.Tool.Duplicates;

/// <summary>The duplicate-id checks of one job: one per destination that receives rows with int64 source ids.</summary>
internal sealed class DuplicateIdChecks : IDisposable
{
    private readonly Dictionary<string, DestinationIds> _byDestination;

    private DuplicateIdChecks(Dictionary<string, DestinationIds> byDestination)
    {
        _byDestination = byDestination;
    }

    public static DuplicateIdChecks Create(IReadOnlyList<DatasetPlan> plans, DuplicateIdPolicy policy) =>
        new(plans
            .Where(p => p.Dataset.Schema.KeyType == KeyType.Int64)
            .GroupBy(p => p.Plan.Destination, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new DestinationIds(g.Key, policy, g.ToList()), StringComparer.Ordinal));

    /// <summary>The check <paramref name="plan"/>'s rows belong to, or <c>null</c> when its keys are not source ids.</summary>
    public DestinationIds? For(DatasetPlan plan) =>
        plan.Dataset.Schema.KeyType == KeyType.Int64 && _byDestination.TryGetValue(plan.Plan.Destination, out DestinationIds? ids) ? ids : null;

    public void Dispose()
    {
        foreach (DestinationIds ids in _byDestination.Values)
        {
            ids.Dispose();
        }
    }
}
