using System.Runtime.Loader;
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
    /// <summary>
    /// The plugin's collectible load context, held for as long as the plugin is. The runtime keeps only a weak handle
    /// to a collectible context and its finalizer starts unloading it, while objects of the plugin's types do not keep
    /// it reachable: without this reference a garbage collection in the middle of a job unloads the context, and the
    /// plugin's next dependency load (e.g. on its first write) fails with "an operation is not legal in the current
    /// state".
    /// </summary>
    public AssemblyLoadContext? LoadContext { get; } = Instance is null ? null : AssemblyLoadContext.GetLoadContext(Instance.GetType().Assembly);

    public PluginKinds Kinds =>
        (Instance is ISourcePlugin ? PluginKinds.Source : PluginKinds.None) | (Instance is ISinkPlugin ? PluginKinds.Sink : PluginKinds.None);
}
