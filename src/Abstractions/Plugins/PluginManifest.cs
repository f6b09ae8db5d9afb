namespace MilvusDm.Abstractions;

/// <summary>Who a plugin is and what it accepts.</summary>
/// <param name="Name">The name job files use (<c>plugin: name</c>), lower-case with dashes.</param>
/// <param name="Version">The plugin's version.</param>
/// <param name="Description">One sentence for <c>list-plugins</c>.</param>
public sealed record PluginManifest(string Name, string Version, string Description)
{
    /// <summary>Config keys accepted as a source (from the generated binder's metadata); empty if not a source.</summary>
    public IReadOnlyList<ConfigKeyInfo> SourceConfig { get; init; } = [];

    /// <summary>Config keys accepted as a sink; empty if not a sink.</summary>
    public IReadOnlyList<ConfigKeyInfo> SinkConfig { get; init; } = [];

    /// <summary>Original-task keys this plugin consumes.</summary>
    public IReadOnlyList<OriginalKeyMapping> OriginalKeys { get; init; } = [];
}
