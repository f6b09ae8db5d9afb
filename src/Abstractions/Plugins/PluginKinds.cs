namespace MilvusDm.Abstractions;

/// <summary>The roles a plugin can play.</summary>
[Flags]
public enum PluginKinds
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>Streams datasets.</summary>
    Source = 1,

    /// <summary>Writes datasets.</summary>
    Sink = 2,
}
