namespace MilvusDm.Abstractions;

/// <summary>What a job checks after copying (its <c>verify</c> key), as a sink sees it.</summary>
public enum VerifyLevel
{
    /// <summary>Rows the destination acknowledged equal rows read (the default).</summary>
    Count,

    /// <summary>The destination's content digest equals the source's.</summary>
    Digest,

    /// <summary>No check.</summary>
    None,
}
