namespace MilvusDm.Tool.Jobs;

/// <summary>What to do with float vectors holding NaN or infinity (top-level <c>nan_policy</c>).</summary>
public enum NanPolicy
{
    /// <summary>Stop with exit 3 naming the dataset and row.</summary>
    Error,

    /// <summary>Drop such rows and count them.</summary>
    Skip,
}
