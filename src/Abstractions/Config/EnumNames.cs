using System.Text;

namespace MilvusDm.Abstractions;

/// <summary>How enum members are spelled in job files: kebab-case, matched ignoring case, <c>-</c> and <c>_</c>.</summary>
public static class EnumNames
{
    /// <summary>The job-file spelling of a member, e.g. <c>KeepLast</c> → <c>keep-last</c>.</summary>
    public static string ToKebab(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c) && i > 0 && !char.IsUpper(name[i - 1]))
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>Parses a job-file spelling.</summary>
    public static bool TryParse<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum
    {
        string wanted = Squash(text);
        foreach (TEnum candidate in Enum.GetValues<TEnum>())
        {
            if (Squash(candidate.ToString()) == wanted)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The accepted spellings, e.g. <c>skip | append | overwrite</c>.</summary>
    public static string Describe<TEnum>()
        where TEnum : struct, Enum =>
        string.Join(" | ", Enum.GetNames<TEnum>().Select(ToKebab));

    private static string Squash(string text) => text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
}
