namespace MilvusDm.Tool.Jobs;

/// <summary>What the job checks after copying (top-level <c>verify</c>).</summary>
public enum VerifyMode
{
    /// <summary>Rows written equal rows read (the default).</summary>
    Count,

    /// <summary>Content digests of source and destination are equal.</summary>
    Digest,

    /// <summary>No check.</summary>
    None,
}
