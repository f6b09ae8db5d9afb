namespace MilvusDm.Tool.Jobs;

/// <summary>What to do when a job's source rows carry one id more than once (top-level <c>duplicate_ids</c>).</summary>
public enum DuplicateIdPolicy
{
    /// <summary>Stop with exit 3 naming the dataset, an example id and its rows, before the destination is completed.</summary>
    Error,

    /// <summary>Keep the last row of each id (in job order) and drop the earlier ones before they are sent.</summary>
    KeepLast,
}
