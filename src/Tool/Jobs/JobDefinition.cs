using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Jobs;

/// <summary>A parsed job file, either shape, reduced to the general shape.</summary>
/// <param name="File">The job file's path.</param>
/// <param name="SourcePlugin">Source plugin name.</param>
/// <param name="Source">The source's config section.</param>
/// <param name="SinkPlugin">Sink plugin name.</param>
/// <param name="Sink">The sink's config section.</param>
/// <param name="Settings">The job's own keys.</param>
/// <param name="OriginalTask">The original task key (<c>F2M</c>, …) when the file has the original shape.</param>
internal sealed record JobDefinition(
    string File,
    string SourcePlugin,
    PluginConfigNode Source,
    string SinkPlugin,
    PluginConfigNode Sink,
    JobSettings Settings,
    string? OriginalTask);
