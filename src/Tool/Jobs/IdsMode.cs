namespace MilvusDm.Tool.Jobs;

/// <summary>Keys for sources that store none (top-level <c>ids</c>).</summary>
public enum IdsMode
{
    /// <summary>Client-assigned int64 keys: the row's ordinal, continued across id-less datasets (the default).</summary>
    Ordinal,

    /// <summary>The destination assigns keys (at-least-once on ambiguous failures).</summary>
    Auto,
}
