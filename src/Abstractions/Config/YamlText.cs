using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MilvusDm.Abstractions;

/// <summary>Loads YAML text into a representation model, turning syntax errors into <see cref="ConfigException"/>.</summary>
public static partial class YamlText
{
    /// <summary>Parses <paramref name="yaml"/>; <paramref name="file"/> is only used in messages.</summary>
    public static YamlStream Load(string yaml, string? file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        using var reader = new StringReader(yaml);
        var scanner = new Scanner(reader);
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException error)
        {
            throw new ConfigException(file, error.Start.Line, error.Start.Column, Describe(error));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some malformed flow collections (e.g. an
            // unclosed '{' followed by a plain scalar); where the scanner stopped is where the text went wrong.
            Mark at = scanner.CurrentPosition;
            throw new ConfigException(file, at.Line, at.Column, "invalid YAML: the text cannot be parsed here (an unclosed '{' or '[' before it?)");
        }

        CheckAliases(stream, file);
        return stream;
    }

    private static void CheckAliases(YamlStream stream, string? file)
    {
        foreach (YamlDocument document in stream.Documents)
        {
            long visited = 0;
            var pending = new Stack<YamlNode>();
            pending.Push(document.RootNode);
            while (pending.Count > 0)
            {
                YamlNode node = pending.Pop();

                // The representation model shares aliased nodes; walking them counts expansions the way a consumer
                // would, so a nested alias bomb is refused long before it is walked in full.
                if (++visited > 1_000_000)
                {
                    throw new ConfigException(file, node.Start.Line, node.Start.Column, "the document expands to more than 1,000,000 nodes (alias bomb?)");
                }

                switch (node)
                {
                    case YamlMappingNode mapping:
                        foreach (KeyValuePair<YamlNode, YamlNode> entry in mapping.Children)
                        {
                            pending.Push(entry.Value);
                        }

                        break;
                    case YamlSequenceNode sequence:
                        foreach (YamlNode child in sequence.Children)
                        {
                            pending.Push(child);
                        }

                        break;
                }
            }
        }
    }

    private static string Describe(YamlException error)
    {
        string message = (error.InnerException as YamlException ?? error).Message;

        // YamlDotNet prefixes "(Line: 3, Col: 1, Idx: 13) - (Line: 3, Col: 4, Idx: 16): "; we print our own position.
        message = PositionPrefix().Replace(message, "");
        return "invalid YAML: " + message.TrimEnd('.').Trim();
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();
}
