using System.Reflection;
using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Plugins;

/// <summary>
/// Discovers plugins in the search path. A plugin that fails to load is recorded with its reason and the others
/// still work; the first plugin of a name wins and later ones are reported as shadowed.
/// </summary>
internal sealed class PluginCatalog
{
    private PluginCatalog(IReadOnlyList<LoadedPlugin> plugins)
    {
        Plugins = plugins;
    }

    public IReadOnlyList<LoadedPlugin> Plugins { get; }

    public IEnumerable<LoadedPlugin> Loaded => Plugins.Where(p => p.Instance is not null);

    public static PluginCatalog Load(IReadOnlyList<PluginOrigin> origins)
    {
        var plugins = new List<LoadedPlugin>();
        foreach (PluginOrigin origin in origins)
        {
            if (!Directory.Exists(origin.Root))
            {
                continue;
            }

            foreach (string folder in Directory.EnumerateDirectories(origin.Root).Order(StringComparer.Ordinal))
            {
                plugins.AddRange(LoadFolder(origin.Root, folder, origin.IsBuiltIn));
            }
        }

        return new PluginCatalog(MarkShadowed(plugins));
    }

    /// <summary>A catalog of plugins created in-process (tests and embedding).</summary>
    public static PluginCatalog FromInstances(IEnumerable<IPlugin> plugins) =>
        new(MarkShadowed(plugins.Select(p => new LoadedPlugin(p.Manifest.Name, p.GetType().Assembly.Location, IsBuiltIn: false, p, null)).ToList()));

    /// <summary>The loaded plugin named <paramref name="name"/> (case-insensitive), or <c>null</c>.</summary>
    public LoadedPlugin? Find(string name) =>
        Loaded.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<LoadedPlugin> LoadFolder(string root, string folder, bool builtIn)
    {
        string name = System.IO.Path.GetFileName(folder);
        string entry = System.IO.Path.Combine(folder, name + ".dll");
        if (!File.Exists(entry))
        {
            return [new LoadedPlugin(name, entry, builtIn, null, $"no entry assembly: expected {name}.dll in {folder}")];
        }

        if (PluginPermissions.Refusal(root, folder, entry) is { } refusal)
        {
            return [new LoadedPlugin(name, entry, builtIn, null, refusal)];
        }

        try
        {
            var context = new PluginLoadContext(entry);
            Assembly assembly = context.LoadFromAssemblyPath(entry);
            var found = assembly.GetExportedTypes()
                .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IPlugin).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
                .Select(t => Instantiate(t, entry, builtIn))
                .ToList();
            return found.Count > 0
                ? found
                : [new LoadedPlugin(name, entry, builtIn, null, $"no public type implementing {nameof(IPlugin)} with a parameterless constructor")];
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return [new LoadedPlugin(name, entry, builtIn, null, Describe(error))];
        }
    }

    private static LoadedPlugin Instantiate(Type type, string entry, bool builtIn)
    {
        try
        {
            var plugin = (IPlugin)Activator.CreateInstance(type)!;
            PluginManifest manifest = plugin.Manifest;
            return new LoadedPlugin(manifest.Name, entry, builtIn, plugin, null);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return new LoadedPlugin(type.Name, entry, builtIn, null, Describe(error));
        }
    }

    private static List<LoadedPlugin> MarkShadowed(List<LoadedPlugin> plugins)
    {
        var seen = new Dictionary<string, LoadedPlugin>(StringComparer.OrdinalIgnoreCase);
        var result = new List<LoadedPlugin>(plugins.Count);
        foreach (LoadedPlugin plugin in plugins)
        {
            if (plugin.Instance is not null && seen.TryGetValue(plugin.Name, out LoadedPlugin? first))
            {
                result.Add(plugin with { Instance = null, Error = $"another plugin named '{plugin.Name}' was loaded first from {first.Path}" });
                continue;
            }

            if (plugin.Instance is not null)
            {
                seen[plugin.Name] = plugin;
            }

            result.Add(plugin);
        }

        return result;
    }

    private static string Describe(Exception error)
    {
        Exception inner = error is TargetInvocationException { InnerException: { } cause } ? cause : error;
        if (inner is ReflectionTypeLoadException { LoaderExceptions: { } loaderErrors })
        {
            return string.Join("; ", loaderErrors.OfType<Exception>().Select(e => e.Message).Distinct());
        }

        return $"{inner.GetType().Name}: {inner.Message}";
    }
}
