using System.Reflection;
using System.Runtime.Loader;

namespace MilvusDm.Tool.Plugins;

/// <summary>
/// One collectible load context per plugin folder. The contract (<c>MilvusDm.Abstractions</c>) and YamlDotNet come
/// from the default context so plugin and host agree on their types; everything else resolves privately through the
/// plugin's own <c>.deps.json</c>, so two plugins may carry different versions of one dependency.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    /// <summary>Assemblies every plugin shares with the host, by simple name.</summary>
    public static readonly IReadOnlySet<string> SharedAssemblies = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "MilvusDm.Abstractions",
        "YamlDotNet",
    };

    private readonly AssemblyDependencyResolver _resolver;

    public PluginLoadContext(string entryAssemblyPath)
        : base(name: Path.GetFileNameWithoutExtension(entryAssemblyPath), isCollectible: true)
    {
        _resolver = new AssemblyDependencyResolver(entryAssemblyPath);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is { } name && SharedAssemblies.Contains(name))
        {
            // null = fall back to the default context, which holds the host's copy.
            return null;
        }

        string? path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        string? path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
