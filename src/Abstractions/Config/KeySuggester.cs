namespace MilvusDm.Abstractions;

/// <summary>Finds the valid key a misspelled one most likely meant.</summary>
public static class KeySuggester
{
    /// <summary>The closest candidate within a small edit distance, or <c>null</c>.</summary>
    public static string? Suggest(string typed, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(candidates);
        string normalized = Normalize(typed);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            int distance = Distance(normalized, Normalize(candidate));
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // Allow about one edit per three characters, at least two: close enough to be a typo, not a different word.
        int allowed = Math.Max(2, normalized.Length / 3);
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>Lower-case, with <c>-</c> treated as <c>_</c> (the original files use both).</summary>
    public static string Normalize(string key) => key.Replace('-', '_').ToLowerInvariant();

    private static int Distance(string a, string b)
    {
        // Optimal string alignment distance: Levenshtein plus adjacent transpositions (a common typo).
        int[,] d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
