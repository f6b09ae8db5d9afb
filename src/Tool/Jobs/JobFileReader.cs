using MilvusDm.Abstractions;
using MilvusDm.Tool.Plugins;
using YamlDotNet.RepresentationModel;

namespace MilvusDm.Tool.Jobs;

/// <summary>
/// Reads a job file of either shape (general <c>source:</c>/<c>sink:</c>, or an original <c>F2M</c>/<c>H2M</c>/
/// <c>M2M</c>/<c>M2H</c> file) and reduces it to a <see cref="JobDefinition"/>.
/// </summary>
internal sealed class JobFileReader
{
    private readonly PluginCatalog _catalog;
    private readonly Action<string> _warn;
    private readonly Action<string> _registerSecret;

    public JobFileReader(PluginCatalog catalog, Action<string> warn, Action<string> registerSecret)
    {
        _catalog = catalog;
        _warn = warn;
        _registerSecret = registerSecret;
    }

    public JobDefinition Read(string path, IReadOnlyList<SetOverride> overrides)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read the job file: {error.Message}");
        }

        YamlStream stream = YamlText.Load(text, path);
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ConfigException(path, 1, 1, "a job file is one YAML mapping: either 'source:' and 'sink:', or one of F2M, H2M, M2M, M2H");
        }

        foreach (SetOverride setting in overrides)
        {
            setting.ApplyTo(root);
        }

        string? task = root.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).FirstOrDefault(k => k is not null && OriginalTasks.Plugins.ContainsKey(k));
        return task is null ? ReadGeneral(path, root) : ReadOriginal(path, root, task);
    }

    private JobDefinition ReadGeneral(string path, YamlMappingNode root)
    {
        var binding = new ConfigBinding(Node(root, path, ""));
        binding.CheckKeys(root, "", ["source", "sink", .. JobSettings.Keys]);
        (string sourcePlugin, PluginConfigNode source) = Section(binding, root, path, "source");
        (string sinkPlugin, PluginConfigNode sink) = Section(binding, root, path, "sink");
        var settingsMapping = new YamlMappingNode(root.Children.Where(e => e.Key is YamlScalarNode { Value: not ("source" or "sink") }));
        JobSettings settings = JobSettings.Bind(Node(settingsMapping, path, "") with { PositionNode = root });
        return new JobDefinition(path, sourcePlugin, source, sinkPlugin, sink, settings, OriginalTask: null);
    }

    private (string Plugin, PluginConfigNode Config) Section(ConfigBinding binding, YamlMappingNode root, string path, string name)
    {
        if (!binding.TryGet(root, "", name, [], out YamlNode node))
        {
            throw binding.Missing(root, "", name, ["source", "sink", .. JobSettings.Keys]);
        }

        YamlMappingNode mapping = binding.ExpectMapping(node, name);
        if (!binding.TryGet(mapping, name + ".", "plugin", [], out YamlNode pluginNode))
        {
            throw binding.Error(node, $"'{name}.plugin' is required: name the {name} plugin (e.g. {(name == "source" ? "faiss, hdf5, milvus-legacy, milvus" : "milvus, hdf5")})");
        }

        string plugin = binding.ToStringValue(pluginNode, name + ".plugin");
        var config = new YamlMappingNode(mapping.Children.Where(e => e.Key is not YamlScalarNode { Value: "plugin" }));
        return (plugin, Node(config, path, name + ".") with { PositionNode = node });
    }

    private JobDefinition ReadOriginal(string path, YamlMappingNode root, string task)
    {
        var rootBinding = new ConfigBinding(Node(root, path, ""));
        foreach (var extra in root.Children.Where(e => e.Key is not YamlScalarNode { Value: var v } || v != task))
        {
            _warn($"{path}:{extra.Key.Start.Line}:{extra.Key.Start.Column}: only the task key '{task}' is read; '{extra.Key}' is ignored");
        }

        YamlNode taskKey = root.Children.Keys.First(k => k is YamlScalarNode { Value: var v } && v == task);
        YamlMappingNode body = rootBinding.ExpectMapping(root.Children[taskKey], task);
        (string sourceName, string sinkName) = OriginalTasks.Plugins[task];
        PluginManifest sourceManifest = RequirePlugin(path, taskKey, task, sourceName);
        PluginManifest sinkManifest = RequirePlugin(path, taskKey, task, sinkName);

        var sourceMapping = new YamlMappingNode();
        var sinkMapping = new YamlMappingNode();
        var settingsMapping = new YamlMappingNode();
        var unknown = new List<YamlNode>();
        foreach (KeyValuePair<YamlNode, YamlNode> entry in body.Children)
        {
            string key = entry.Key is YamlScalarNode { Value: { } k } ? k : entry.Key.ToString();
            bool used = Route(sourceManifest, task, PluginRole.Source, key, entry.Value, sourceMapping)
                | Route(sinkManifest, task, PluginRole.Sink, key, entry.Value, sinkMapping);
            if (JobSettings.Keys.Contains(key))
            {
                settingsMapping.Children[entry.Key] = entry.Value;
                used = true;
            }

            if (!used && !OriginalTasks.InformationalKeys.Contains(key))
            {
                unknown.Add(entry.Key);
            }
        }

        var originalKeys = sourceManifest.OriginalKeys.Concat(sinkManifest.OriginalKeys).Where(m => m.Task == task).Select(m => m.OriginalKey).Distinct().ToList();
        foreach (YamlNode key in unknown)
        {
            string? suggestion = KeySuggester.Suggest(key.ToString(), originalKeys);
            _warn($"{path}:{key.Start.Line}:{key.Start.Column}: unknown key '{task}.{key}' (ignored)" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?"));
        }

        CheckRequired(path, taskKey, task, body, sourceManifest, PluginRole.Source, unknown);
        CheckRequired(path, taskKey, task, body, sinkManifest, PluginRole.Sink, unknown);
        JobSettings settings = JobSettings.Bind(Node(settingsMapping, path, task + ".") with { PositionNode = taskKey });
        return new JobDefinition(
            path,
            sourceName,
            Node(sourceMapping, path, task + ".") with { UnknownKeysAreWarnings = true, PositionNode = taskKey },
            sinkName,
            Node(sinkMapping, path, task + ".") with { UnknownKeysAreWarnings = true, PositionNode = taskKey },
            settings,
            task);
    }

    private static bool Route(PluginManifest manifest, string task, PluginRole role, string key, YamlNode value, YamlMappingNode target)
    {
        bool used = false;
        foreach (OriginalKeyMapping mapping in manifest.OriginalKeys.Where(m => m.Task == task && m.Role == role && KeySuggester.Normalize(m.OriginalKey) == KeySuggester.Normalize(key)))
        {
            target.Children[new YamlScalarNode(mapping.ConfigKey)] = value;
            used = true;
        }

        return used;
    }

    private static void CheckRequired(string path, YamlNode taskKey, string task, YamlMappingNode body, PluginManifest manifest, PluginRole role, List<YamlNode> unknown)
    {
        IReadOnlyList<ConfigKeyInfo> keys = role == PluginRole.Source ? manifest.SourceConfig : manifest.SinkConfig;
        foreach (OriginalKeyMapping mapping in manifest.OriginalKeys.Where(m => m.Task == task && m.Role == role))
        {
            bool required = keys.Any(k => k.Required && k.Key == mapping.ConfigKey);
            bool present = body.Children.Any(e => e.Key is YamlScalarNode { Value: { } k } && KeySuggester.Normalize(k) == KeySuggester.Normalize(mapping.OriginalKey) && !ConfigBinding.IsNull(e.Value));
            if (!required || present)
            {
                continue;
            }

            YamlNode? misspelt = unknown.FirstOrDefault(u => KeySuggester.Suggest(u.ToString(), [mapping.OriginalKey]) is not null);
            string hint = misspelt is null ? "" : $" ('{task}.{misspelt}' at line {misspelt.Start.Line} may be a misspelling of it)";
            throw new ConfigException(path, taskKey.Start.Line, taskKey.Start.Column, $"missing required key '{task}.{mapping.OriginalKey}'{hint}");
        }
    }

    private PluginManifest RequirePlugin(string path, YamlNode at, string task, string name) =>
        _catalog.Find(name)?.Instance?.Manifest
        ?? throw new ConfigException(path, at.Start.Line, at.Start.Column, $"task {task} needs the '{name}' plugin, which is not installed or failed to load (see 'milvusdm list-plugins')");

    private PluginConfigNode Node(YamlMappingNode mapping, string path, string prefix) =>
        new(mapping, path) { KeyPrefix = prefix, Warn = _warn, RegisterSecret = _registerSecret };
}
