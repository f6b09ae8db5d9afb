using System.Text.RegularExpressions;

namespace MilvusDm.Plugins.MilvusLegacy;

/// <summary>
/// An <c>include</c>/<c>exclude</c> entry: <c>collection</c> (every partition of it) or <c>collection/partition</c>,
/// with <c>*</c> (any run of characters) and <c>?</c> (one character).
/// </summary>
internal sealed class GlobPattern
{
    private readonly Regex _regex;
    private readonly bool _wholeName;

    public GlobPattern(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Text = pattern;
        _wholeName = pattern.Contains('/', StringComparison.Ordinal);
        string body = Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal);
        _regex = new Regex($"^{body}$", RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
    }

    public string Text { get; }

    /// <summary>Whether the pattern selects the partition <paramref name="partition"/> of <paramref name="collection"/>.</summary>
    public bool Matches(string collection, string partition) => _regex.IsMatch(_wholeName ? $"{collection}/{partition}" : collection);
}
