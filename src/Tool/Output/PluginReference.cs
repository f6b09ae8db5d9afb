using MilvusDm.Abstractions;
using MilvusDm.Tool.Jobs;
using MilvusDm.Tool.Plugins;

namespace MilvusDm.Tool.Output;

/// <summary>
/// The job-file reference as Markdown (<c>list-plugins --markdown</c>), built only from the config metadata the
/// generator emits (<see cref="ConfigKeyInfo"/>) and the plugins' manifests, so the README section made from it
/// cannot drift from what the binders accept.
/// </summary>
internal static class PluginReference
{
    public static string Markdown(IReadOnlyList<LoadedPlugin> plugins)
    {
        var lines = new List<string>
        {
            "#### Top-level keys",
            "",
            "In a general file beside `source:` and `sink:`; in an original file they may appear under the task key.",
            "",
        };
        lines.AddRange(Table(JobSettings.Describe().Select(k => (k.Key, k))));
        foreach (LoadedPlugin plugin in plugins.Where(p => p.Instance is not null).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            PluginManifest manifest = plugin.Instance!.Manifest;
            lines.Add("");
            lines.Add($"#### `{manifest.Name}` ({Kinds(plugin)})");
            lines.Add("");
            lines.Add(manifest.Description);
            lines.Add("");
            lines.AddRange(Table(manifest.SourceConfig.Select(k => ("source." + k.Key, k)).Concat(manifest.SinkConfig.Select(k => ("sink." + k.Key, k)))));
        }

        lines.AddRange(OriginalKeys(plugins));
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>"source", "sink" or "source and sink".</summary>
    public static string Kinds(LoadedPlugin plugin) =>
        string.Join(" and ", new[] { plugin.Kinds.HasFlag(PluginKinds.Source) ? "source" : null, plugin.Kinds.HasFlag(PluginKinds.Sink) ? "sink" : null }.OfType<string>());

    /// <summary>"required", "default X", or "optional" (no default: the plugin decides, as the description says).</summary>
    public static string Requirement(ConfigKeyInfo key) =>
        key.Required ? "required" : key.Default is null ? "optional" : $"default {key.Default}";

    private static IEnumerable<string> Table(IEnumerable<(string Name, ConfigKeyInfo Key)> keys)
    {
        if (!keys.Any())
        {
            yield return "No keys besides `plugin`.";
            yield break;
        }

        yield return "| key | type | required / default | description |";
        yield return "|---|---|---|---|";
        foreach ((string name, ConfigKeyInfo key) in keys)
        {
            string aliases = key.Aliases.Count == 0 ? "" : " (also " + string.Join(", ", key.Aliases.Select(a => $"`{a}`")) + ")";
            yield return $"| `{name}`{aliases} | `{Cell(key.Type)}` | {Cell(Requirement(key))} | {Cell(key.Description)} |";
        }
    }

    /// <summary>Which plugin takes each key of the original F2M/H2M/M2M/M2H files, and as what.</summary>
    private static IEnumerable<string> OriginalKeys(IReadOnlyList<LoadedPlugin> plugins)
    {
        yield return "";
        yield return "#### Original job files";
        yield return "";
        yield return $"Keys each plugin takes from the original files. {string.Join(" and ", OriginalTasks.InformationalKeys.Select(k => $"`{k}`"))} are always accepted (the original never read them); a plugin listed for one uses it only as a hint.";
        yield return "";
        yield return "| task | original key | becomes |";
        yield return "|---|---|---|";
        foreach ((string task, (string source, string sink)) in OriginalTasks.Plugins)
        {
            foreach ((string plugin, PluginRole role) in new[] { (source, PluginRole.Source), (sink, PluginRole.Sink) })
            {
                PluginManifest? manifest = plugins.FirstOrDefault(p => p.Name == plugin)?.Instance?.Manifest;
                if (manifest is null)
                {
                    yield return $"| {task} | (the `{plugin}` plugin is not installed) | |";
                    continue;
                }

                foreach (OriginalKeyMapping mapping in manifest.OriginalKeys.Where(m => m.Task == task && m.Role == role))
                {
                    yield return $"| {task} | `{mapping.OriginalKey}` | `{plugin}` {role.ToString().ToLowerInvariant()} `{mapping.ConfigKey}` |";
                }
            }
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
