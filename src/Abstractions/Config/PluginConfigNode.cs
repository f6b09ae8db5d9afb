using YamlDotNet.RepresentationModel;

namespace MilvusDm.Abstractions;

/// <summary>A plugin's section of a job file, with what binding needs to report positions and warnings.</summary>
/// <param name="Mapping">The YAML mapping (positions preserved).</param>
/// <param name="File">The job file, for messages (<c>null</c> for text with no file).</param>
public sealed record PluginConfigNode(YamlMappingNode Mapping, string? File)
{
    /// <summary>
    /// Whether unknown keys are warnings rather than errors (original MilvusDM files, where the original ignored
    /// extra keys).
    /// </summary>
    public bool UnknownKeysAreWarnings { get; init; }

    /// <summary>Prefix for key paths in messages, e.g. <c>sink.</c>.</summary>
    public string KeyPrefix { get; init; } = "";

    /// <summary>Receives warnings (unknown keys in original files, deprecated spellings).</summary>
    public Action<string> Warn { get; init; } = static _ => { };

    /// <summary>
    /// Where to report problems of nodes that have no position of their own (mappings the host assembled, e.g. from
    /// an original job file): usually the section's key in the file.
    /// </summary>
    public YamlNode? PositionNode { get; init; }

    /// <summary>Receives values of keys marked <see cref="ConfigKeyAttribute.Secret"/> so the host can mask them.</summary>
    public Action<string> RegisterSecret { get; init; } = static _ => { };

    /// <summary>Parses YAML text whose root is a mapping (for tests and tools).</summary>
    public static PluginConfigNode FromYaml(string yaml, string? file = null)
    {
        YamlStream stream = YamlText.Load(yaml, file);

        if (stream.Documents.Count == 0)
        {
            return new PluginConfigNode(new YamlMappingNode(), file);
        }

        return stream.Documents[0].RootNode is YamlMappingNode mapping
            ? new PluginConfigNode(mapping, file)
            : throw new ConfigException(file, stream.Documents[0].RootNode.Start.Line, stream.Documents[0].RootNode.Start.Column, "expected a mapping of keys to values");
    }
}
