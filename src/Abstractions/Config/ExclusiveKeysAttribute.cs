namespace MilvusDm.Abstractions;

/// <summary>
/// Declares keys of which at most one may be set (non-null); with <see cref="OneRequired"/>, exactly one.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class ExclusiveKeysAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public ExclusiveKeysAttribute(params string[] keys)
    {
        Keys = keys;
    }

    /// <summary>The keys (primary names).</summary>
    public string[] Keys { get; }

    /// <summary>Whether exactly one must be set.</summary>
    public bool OneRequired { get; set; }
}
