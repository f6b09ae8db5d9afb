using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Plugins;

/// <summary>A plugin found on disk: loaded (with its instance) or failed (with the reason).</summary>
/// <param name="Name">The manifest name, or the folder name when loading failed.</param>
/// <param name="Path">The entry assembly's path.</param>
/// <param name="IsBuiltIn">Loaded from the tool's own folder.</param>
/// <param name="Instance">The plugin, or <c>null</c> when loading failed.</param>
/// <param name="Error">Why loading failed, or <c>null</c>.</param>
internal sealed record LoadedPlugin(string Name, string Path, bool IsBuiltIn, IPlugin? Instance, string? Error)
{
    public PluginKinds Kinds =>
        (Instance is ISourcePlugin ? PluginKinds.Source : PluginKinds.None) | (Instance is ISinkPlugin ? PluginKinds.Sink : PluginKinds.None);
}
