namespace MilvusDm.Abstractions;

/// <summary>Which side of a job a piece of configuration belongs to.</summary>
public enum PluginRole
{
    /// <summary>The source side.</summary>
    Source,

    /// <summary>The sink side.</summary>
    Sink,
}
