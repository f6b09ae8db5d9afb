using System.ComponentModel;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MilvusDm.Abstractions;

/// <summary>
/// Runtime helpers the generated binders call: key lookup with aliases, unknown-key and exclusivity checks, and
/// typed conversions that report <c>file:line:column</c>. Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ConfigBinding
{
    private readonly PluginConfigNode _root;

    /// <summary>Creates a binding for one job-file section.</summary>
    public ConfigBinding(PluginConfigNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        _root = root;
    }

    /// <summary>The root section's key prefix.</summary>
    public string RootPrefix => _root.KeyPrefix;

    /// <summary>The node as a mapping, or a wrong-type error.</summary>
    public YamlMappingNode ExpectMapping(YamlNode node, string path)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        if (IsNull(node))
        {
            return new YamlMappingNode();
        }

        throw Error(node, $"'{Display(path.TrimEnd('.'))}' expects a mapping of keys to values, got {Describe(node)}");
    }

    /// <summary>Rejects (or, in original files, warns about) keys that are neither primary names nor aliases.</summary>
    public void CheckKeys(YamlMappingNode mapping, string prefix, IReadOnlyList<string> known)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(known);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (KeyValuePair<YamlNode, YamlNode> entry in mapping.Children)
        {
            string key = KeyText(entry.Key);
            if (!seen.Add(KeySuggester.Normalize(key)))
            {
                throw Error(entry.Key, $"duplicate key '{Display(prefix + key)}'");
            }

            if (known.Any(k => KeySuggester.Normalize(k) == KeySuggester.Normalize(key)))
            {
                continue;
            }

            string? suggestion = KeySuggester.Suggest(key, known);
            string message = $"unknown key '{Display(prefix + key)}'" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?");
            if (_root.UnknownKeysAreWarnings)
            {
                _root.Warn(Position(entry.Key) + message + " (ignored)");
            }
            else
            {
                throw Error(entry.Key, message);
            }
        }
    }

    /// <summary>Finds a key or one of its aliases; <c>false</c> when absent or null.</summary>
    public bool TryGet(YamlMappingNode mapping, string prefix, string key, IReadOnlyList<string> aliases, out YamlNode value)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(aliases);
        YamlNode? found = null;
        YamlNode? foundKey = null;
        foreach (KeyValuePair<YamlNode, YamlNode> entry in mapping.Children)
        {
            string name = KeySuggester.Normalize(KeyText(entry.Key));
            if (name != KeySuggester.Normalize(key) && !aliases.Any(a => KeySuggester.Normalize(a) == name))
            {
                continue;
            }

            if (foundKey is not null)
            {
                throw Error(entry.Key, $"'{Display(prefix + KeyText(entry.Key))}' and '{Display(prefix + KeyText(foundKey))}' are the same key; set it once");
            }

            foundKey = entry.Key;
            found = entry.Value;
        }

        value = found!;
        return found is not null && !IsNull(found);
    }

    /// <summary>The error for a required key that is absent or null, naming an unknown key that may be its misspelling.</summary>
    public ConfigException Missing(YamlMappingNode mapping, string prefix, string key, IReadOnlyList<string> known)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(known);
        foreach (KeyValuePair<YamlNode, YamlNode> entry in mapping.Children)
        {
            if (KeySuggester.Normalize(KeyText(entry.Key)) == KeySuggester.Normalize(key))
            {
                return Error(entry.Value, $"'{Display(prefix + key)}' is required and must not be null");
            }
        }

        string? misspelt = mapping.Children
            .Select(e => KeyText(e.Key))
            .Where(k => !known.Any(n => KeySuggester.Normalize(n) == KeySuggester.Normalize(k)))
            .FirstOrDefault(k => KeySuggester.Suggest(k, [key]) is not null);
        string hint = misspelt is null ? "" : $" ('{Display(prefix + misspelt)}' may be a misspelling of it)";
        return Error(mapping, $"missing required key '{Display(prefix + key)}'{hint}");
    }

    /// <summary>Checks that at most one (or exactly one) of <paramref name="keys"/> is set.</summary>
    public void Exclusive(YamlMappingNode mapping, string prefix, IReadOnlyList<string> keys, bool oneRequired)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var set = keys.Where(k => TryGet(mapping, prefix, k, [], out _)).ToList();
        string names = string.Join(", ", keys.Select(k => $"'{Display(prefix + k)}'"));
        if (set.Count > 1)
        {
            TryGet(mapping, prefix, set[1], [], out YamlNode second);
            throw Error(second, $"set only one of {names}; both '{Display(prefix + set[0])}' and '{Display(prefix + set[1])}' are set");
        }

        if (oneRequired && set.Count == 0)
        {
            throw Error(mapping, $"set exactly one of {names}");
        }
    }

    /// <summary>Converts a scalar to a string.</summary>
    public string ToStringValue(YamlNode node, string path) => Scalar(node, path, "a string");

    /// <summary>Converts a scalar to a bool (<c>true/false/yes/no/on/off</c>).</summary>
    public bool ToBoolean(YamlNode node, string path)
    {
        string text = Scalar(node, path, "true or false");
        return text.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error(node, $"'{Display(path)}' expects true or false, got '{text}'"),
        };
    }

    /// <summary>Converts a scalar to an int.</summary>
    public int ToInt32(YamlNode node, string path)
    {
        string text = Scalar(node, path, "an integer");
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw Error(node, $"'{Display(path)}' expects an integer from {int.MinValue} to {int.MaxValue}, got '{text}'");
    }

    /// <summary>Converts a scalar to a long.</summary>
    public long ToInt64(YamlNode node, string path)
    {
        string text = Scalar(node, path, "an integer");
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw Error(node, $"'{Display(path)}' expects a 64-bit integer, got '{text}'");
    }

    /// <summary>Converts a scalar to a double.</summary>
    public double ToDouble(YamlNode node, string path)
    {
        string text = Scalar(node, path, "a number");
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw Error(node, $"'{Display(path)}' expects a number, got '{text}'");
    }

    /// <summary>Converts a scalar to an enum member, ignoring case, <c>-</c> and <c>_</c>.</summary>
    public TEnum ToEnum<TEnum>(YamlNode node, string path)
        where TEnum : struct, Enum
    {
        string text = Scalar(node, path, "one of " + EnumNames.Describe<TEnum>());
        return EnumNames.TryParse(text, out TEnum value)
            ? value
            : throw Error(node, $"'{Display(path)}' expects one of {EnumNames.Describe<TEnum>()}, got '{text}'");
    }

    /// <summary>Converts a sequence with <paramref name="element"/> for each item.</summary>
    public List<T> ToList<T>(YamlNode node, string path, Func<YamlNode, string, T> element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (node is not YamlSequenceNode sequence)
        {
            throw Error(node, $"'{Display(path)}' expects a list, got {Describe(node)}");
        }

        var result = new List<T>(sequence.Children.Count);
        for (int i = 0; i < sequence.Children.Count; i++)
        {
            YamlNode item = sequence.Children[i];
            if (IsNull(item))
            {
                throw Error(item, $"'{Display(path)}[{i}]' must not be null");
            }

            result.Add(element(item, $"{path}[{i}]"));
        }

        return result;
    }

    /// <summary>Converts a mapping with string keys; null values are kept as <c>default</c> (e.g. "all partitions").</summary>
    public Dictionary<string, T?> ToDictionary<T>(YamlNode node, string path, Func<YamlNode, string, T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (node is not YamlMappingNode mapping)
        {
            throw Error(node, $"'{Display(path)}' expects a mapping, got {Describe(node)}");
        }

        var result = new Dictionary<string, T?>(StringComparer.Ordinal);
        foreach (KeyValuePair<YamlNode, YamlNode> entry in mapping.Children)
        {
            string key = KeyText(entry.Key);
            if (!result.TryAdd(key, IsNull(entry.Value) ? default : value(entry.Value, $"{path}.{key}")))
            {
                throw Error(entry.Key, $"duplicate key '{Display(path + "." + key)}'");
            }
        }

        return result;
    }

    /// <summary>Marks a bound value as secret.</summary>
    public string Secret(string value)
    {
        _root.RegisterSecret(value);
        return value;
    }

    /// <summary>Whether a YAML node is null (<c>~</c>, <c>null</c>, or an empty plain scalar).</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && (scalar.Value is null or "" or "~" || scalar.Value.Equals("null", StringComparison.OrdinalIgnoreCase));

    /// <summary>A config error at a node's position.</summary>
    public ConfigException Error(YamlNode node, string problem)
    {
        ArgumentNullException.ThrowIfNull(node);
        YamlNode at = node.Start.Line > 0 ? node : _root.PositionNode ?? node;
        return new ConfigException(_root.File, at.Start.Line, at.Start.Column, problem);
    }

    private string Scalar(YamlNode node, string path, string expected)
    {
        if (node is YamlScalarNode { Value: { } value })
        {
            return value;
        }

        throw Error(node, $"'{Display(path)}' expects {expected}, got {Describe(node)}");
    }

    private string Position(YamlNode node)
    {
        YamlNode at = node.Start.Line > 0 ? node : _root.PositionNode ?? node;
        return _root.File is null ? $"{at.Start.Line}:{at.Start.Column}: " : $"{_root.File}:{at.Start.Line}:{at.Start.Column}: ";
    }

    private string Display(string path) => _root.KeyPrefix + path;

    private static string KeyText(YamlNode key) => key is YamlScalarNode { Value: { } text } ? text : key.ToString();

    private static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "something else",
    };
}
