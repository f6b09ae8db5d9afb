namespace MilvusDm.Abstractions;

/// <summary>
/// The entry point of a plugin assembly. The host creates every public non-abstract type implementing it with a
/// public parameterless constructor; implement <see cref="ISourcePlugin"/> and/or <see cref="ISinkPlugin"/>.
/// </summary>
public interface IPlugin
{
    /// <summary>Name, version, description and accepted keys.</summary>
    PluginManifest Manifest { get; }
}
