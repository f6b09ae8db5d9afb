using System.CommandLine;
using System.Text.Json;
using MilvusDm.Abstractions;
using MilvusDm.Tool.Jobs;
using MilvusDm.Tool.Output;
using MilvusDm.Tool.Plugins;

namespace MilvusDm.Tool.Commands;

/// <summary><c>milvusdm list-plugins [--json]</c>: every plugin found, where from, its kinds and its config keys.</summary>
internal static class ListPluginsCommand
{
    public static Command Create(ToolEnvironment environment)
    {
        Option<bool> jsonOption = new("--json") { Description = "Print a JSON array (keys fixed by the contract)." };
        Option<bool> markdownOption = new("--markdown") { Description = "Print the job-file reference (every key of every plugin) as Markdown, as the README shows it." };
        Command command = new("list-plugins", "List the plugins found, their kinds and config keys.") { jsonOption, markdownOption };
        command.Validators.Add(result =>
        {
            if (result.GetValue(jsonOption) && result.GetValue(markdownOption))
            {
                result.AddError("--json and --markdown cannot be used together");
            }
        });
        command.SetAction((parseResult, token) => CommandContext.RunAsync(parseResult, environment, token, context =>
        {
            IReadOnlyList<LoadedPlugin> plugins = context.Catalog.Plugins;
            if (parseResult.GetValue(jsonOption))
            {
                context.Console.Result(JsonSerializer.Serialize(plugins.Select(Describe).ToList(), JsonOptions.Indented));
            }
            else if (parseResult.GetValue(markdownOption))
            {
                context.Console.Result(PluginReference.Markdown(plugins).TrimEnd('\n'));
            }
            else
            {
                WriteText(context.Console, plugins);
            }

            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    private static Dictionary<string, object?> Describe(LoadedPlugin plugin)
    {
        PluginManifest? manifest = plugin.Instance?.Manifest;
        var kinds = new List<string>();
        if (plugin.Kinds.HasFlag(PluginKinds.Source))
        {
            kinds.Add("source");
        }

        if (plugin.Kinds.HasFlag(PluginKinds.Sink))
        {
            kinds.Add("sink");
        }

        IEnumerable<(string Role, ConfigKeyInfo Key)> keys = manifest is null
            ? []
            : manifest.SourceConfig.Select(k => ("source", k)).Concat(manifest.SinkConfig.Select(k => ("sink", k)));
        return new Dictionary<string, object?>
        {
            ["name"] = plugin.Name,
            ["version"] = manifest?.Version,
            ["description"] = manifest?.Description,
            ["kinds"] = kinds,
            ["path"] = plugin.Path,
            ["builtin"] = plugin.IsBuiltIn,
            ["config"] = keys.Select(k => new Dictionary<string, object?>
            {
                ["key"] = k.Key.Key,
                ["role"] = k.Role,
                ["type"] = k.Key.Type,
                ["required"] = k.Key.Required,
                ["default"] = k.Key.Default,
                ["aliases"] = k.Key.Aliases,
                ["description"] = k.Key.Description,
            }).ToList(),
            ["original_keys"] = manifest?.OriginalKeys.Select(m => $"{m.Task}.{m.OriginalKey} -> {m.Role.ToString().ToLowerInvariant()}.{m.ConfigKey}").ToList() ?? [],
            ["error"] = plugin.Error,
        };
    }

    private static void WriteText(ToolConsole console, IReadOnlyList<LoadedPlugin> plugins)
    {
        if (plugins.Count == 0)
        {
            console.Result("no plugins found");
        }

        foreach (LoadedPlugin plugin in plugins)
        {
            PluginManifest? manifest = plugin.Instance?.Manifest;
            string kinds = PluginReference.Kinds(plugin);
            console.Result($"{plugin.Name} {manifest?.Version ?? ""} [{(kinds.Length == 0 ? "not loaded" : kinds)}]{(plugin.IsBuiltIn ? " (built-in)" : "")}");
            console.Result($"  {plugin.Path}");
            if (plugin.Error is not null)
            {
                console.Result($"  error: {plugin.Error}");
                continue;
            }

            console.Result($"  {manifest!.Description}");
            foreach ((string role, IReadOnlyList<ConfigKeyInfo> keys) in new[] { ("source", manifest.SourceConfig), ("sink", manifest.SinkConfig) })
            {
                foreach (ConfigKeyInfo key in keys)
                {
                    console.Result(KeyLine($"{role}.{key.Key}", key));
                }
            }

            foreach (OriginalKeyMapping mapping in manifest.OriginalKeys)
            {
                console.Result($"  original {mapping.Task}.{mapping.OriginalKey} -> {mapping.Role.ToString().ToLowerInvariant()}.{mapping.ConfigKey}");
            }
        }

        console.Result("job keys (top level of a general file, or under the task key of an original one)");
        foreach (ConfigKeyInfo key in JobSettings.Describe())
        {
            console.Result(KeyLine(key.Key, key));
        }
    }

    /// <summary>One key: name, aliases, type, required or default, description.</summary>
    private static string KeyLine(string name, ConfigKeyInfo key)
    {
        string aliases = key.Aliases.Count > 0 ? $" (also {string.Join(", ", key.Aliases)})" : "";
        return $"  {name}{aliases}: {key.Type}, {PluginReference.Requirement(key)}. {key.Description}";
    }
}
