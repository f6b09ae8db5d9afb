using MilvusDm.Abstractions;
using YamlDotNet.RepresentationModel;

namespace MilvusDm.Tool.Jobs;

/// <summary>
/// One <c>--set KEY=VALUE</c>: a dotted path in the job file's own structure (<c>sink.uri=…</c>,
/// <c>F2M.dest_port=19531</c>, <c>source.paths.0=a.h5</c>) and a YAML value.
/// </summary>
internal sealed record SetOverride(IReadOnlyList<string> Path, string Value)
{
    public static SetOverride Parse(string text)
    {
        int equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new ConfigException($"--set '{text}': expected KEY=VALUE with a dotted KEY, e.g. sink.uri=http://127.0.0.1:19530");
        }

        string[] path = text[..equals].Split('.');
        if (path.Any(p => p.Length == 0))
        {
            throw new ConfigException($"--set '{text}': the key has an empty part");
        }

        return new SetOverride(path, text[(equals + 1)..]);
    }

    /// <summary>Applies the override to <paramref name="root"/>, creating mappings on the way.</summary>
    public void ApplyTo(YamlMappingNode root)
    {
        YamlNode value = ParseValue();
        YamlNode current = root;
        for (int i = 0; i < Path.Count; i++)
        {
            bool last = i == Path.Count - 1;
            string part = Path[i];
            switch (current)
            {
                case YamlMappingNode mapping:
                    var key = mapping.Children.Keys.FirstOrDefault(k => k is YamlScalarNode s && s.Value == part) ?? new YamlScalarNode(part);
                    if (last)
                    {
                        mapping.Children[key] = value;
                        return;
                    }

                    if (!mapping.Children.TryGetValue(key, out YamlNode? next) || ConfigBinding.IsNull(next))
                    {
                        next = new YamlMappingNode();
                        mapping.Children[key] = next;
                    }

                    current = next;
                    break;
                case YamlSequenceNode sequence when int.TryParse(part, out int index) && index >= 0 && index <= sequence.Children.Count:
                    if (last)
                    {
                        if (index == sequence.Children.Count)
                        {
                            sequence.Children.Add(value);
                        }
                        else
                        {
                            sequence.Children[index] = value;
                        }

                        return;
                    }

                    current = sequence.Children[index];
                    break;
                default:
                    throw new ConfigException($"--set {string.Join('.', Path)}: '{string.Join('.', Path.Take(i))}' is not a mapping or list that '{part}' can be set in");
            }
        }
    }

    private YamlNode ParseValue()
    {
        PluginConfigNode parsed = PluginConfigNode.FromYaml("value: " + Value, "--set " + string.Join('.', Path));
        return parsed.Mapping.Children.Values.Single();
    }
}
