namespace MilvusDm.Tool.Plugins;

/// <summary>
/// Where plugins are looked for, in order: the tool's own <c>plugins/</c> folder (built-in plugins),
/// <c>~/.milvusdm/plugins/</c>, then each entry of <c>MILVUSDM_PLUGIN_PATH</c>.
/// </summary>
internal static class PluginSearchPath
{
    public const string EnvironmentVariable = "MILVUSDM_PLUGIN_PATH";

    public static IReadOnlyList<PluginOrigin> Resolve(Func<string, string?> getEnvironmentVariable)
    {
        var roots = new List<PluginOrigin> { new(Path.Combine(AppContext.BaseDirectory, "plugins"), IsBuiltIn: true) };
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0)
        {
            roots.Add(new PluginOrigin(Path.Combine(home, ".milvusdm", "plugins"), IsBuiltIn: false));
        }

        string? extra = getEnvironmentVariable(EnvironmentVariable);
        foreach (string entry in (extra ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            roots.Add(new PluginOrigin(Path.GetFullPath(entry), IsBuiltIn: false));
        }

        return roots
            .GroupBy(r => r.Root, StringComparer.Ordinal)
            .Select(g => g.First())
            .ToList();
    }
}
