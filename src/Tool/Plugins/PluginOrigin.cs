namespace MilvusDm.Tool.Plugins;

/// <summary>A folder plugins are loaded from.</summary>
/// <param name="Root">The root folder (one subfolder per plugin).</param>
/// <param name="IsBuiltIn">Whether it is the tool's own <c>plugins/</c> folder.</param>
internal sealed record PluginOrigin(string Root, bool IsBuiltIn);
