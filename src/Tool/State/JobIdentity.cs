using System.Security.Cryptography;
using System.Text;
using MilvusDm.Abstractions;
using MilvusDm.Tool.Jobs;
using YamlDotNet.RepresentationModel;

namespace MilvusDm.Tool.State;

/// <summary>
/// A job's identity for its ledger: the source and destination only (plugins and their sections), never secrets or
/// settings that do not change what is copied where (mode, tuning), so a rerun with other tuning still resumes.
/// </summary>
internal static class JobIdentity
{
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "password", "token", "user", "mode", "verify", "batch", "in_flight", "max_rows_per_second", "nan_policy",
    };

    public static string Compute(JobDefinition job)
    {
        var text = new StringBuilder();
        text.Append("source=").Append(job.SourcePlugin.ToLowerInvariant()).Append('\n');
        Append(text, job.Source.Mapping, 1);
        text.Append("sink=").Append(job.SinkPlugin.ToLowerInvariant()).Append('\n');
        Append(text, job.Sink.Mapping, 1);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    private static void Append(StringBuilder text, YamlNode node, int depth)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var entry in mapping.Children
                    .Select(e => (Key: KeySuggester.Normalize(e.Key.ToString()), e.Value))
                    .Where(e => !Ignored.Contains(e.Key))
                    .OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    text.Append(' ', depth).Append(entry.Key).Append(':').Append('\n');
                    Append(text, entry.Value, depth + 1);
                }

                break;
            case YamlSequenceNode sequence:
                foreach (YamlNode item in sequence.Children)
                {
                    text.Append(' ', depth).Append('-').Append('\n');
                    Append(text, item, depth + 1);
                }

                break;
            case YamlScalarNode scalar:
                text.Append(' ', depth).Append(ConfigBinding.IsNull(scalar) ? "~" : scalar.Value).Append('\n');
                break;
        }
    }
}
