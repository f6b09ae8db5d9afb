using System.Globalization;
using System.Text.RegularExpressions;

namespace MilvusDm.Milvus.TestServer;

/// <summary>
/// The filter subset migration clients send: comparisons of the int64 primary key with literals
/// (<c>&gt; &lt; &gt;= &lt;= == !=</c>, <c>in [..]</c>) joined by <c>and</c>, with optional parentheses.
/// </summary>
public static partial class QueryExpression
{
    public static Func<long, bool> Compile(string expr, string pkName)
    {
        if (string.IsNullOrWhiteSpace(expr))
        {
            return static _ => true;
        }

        var tests = new List<Func<long, bool>>();
        foreach (string part in SplitAnd(expr))
        {
            tests.Add(CompileAtom(StripParens(part), pkName, expr));
        }

        return pk => tests.TrueForAll(t => t(pk));
    }

    private static List<string> SplitAnd(string expr)
    {
        var atoms = new List<string>();
        Collect(expr, atoms);
        return atoms;
    }

    private static void Collect(string expr, List<string> atoms)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < expr.Length; i++)
        {
            char c = expr[i];
            if (c is '(' or '[')
            {
                depth++;
            }
            else if (c is ')' or ']')
            {
                depth--;
            }
            else if (depth == 0 && IsAndAt(expr, i))
            {
                parts.Add(expr[start..i]);
                start = i + 5;
                i += 4;
            }
        }

        parts.Add(expr[start..]);
        if (parts.Count > 1)
        {
            parts.ForEach(p => Collect(p, atoms));
            return;
        }

        string stripped = StripParens(expr);
        if (stripped != expr.Trim())
        {
            Collect(stripped, atoms);
        }
        else
        {
            atoms.Add(stripped);
        }
    }

    private static bool IsAndAt(string s, int i) =>
        i + 5 <= s.Length && string.Compare(s, i, " and ", 0, 5, StringComparison.OrdinalIgnoreCase) == 0;

    private static string StripParens(string s)
    {
        s = s.Trim();
        while (s.Length >= 2 && s[0] == '(' && s[^1] == ')' && Balanced(s[1..^1]))
        {
            s = s[1..^1].Trim();
        }

        return s;
    }

    private static bool Balanced(string s)
    {
        int depth = 0;
        foreach (char c in s)
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0)
            {
                return false;
            }
        }

        return depth == 0;
    }

    private static Func<long, bool> CompileAtom(string atom, string pkName, string whole)
    {
        var match = AtomPattern().Match(atom);
        if (!match.Success || match.Groups["field"].Value != pkName)
        {
            throw MilvusError.InvalidParameter($"cannot parse expression: {whole}");
        }

        string op = match.Groups["op"].Value;
        string operand = match.Groups["value"].Value.Trim();
        if (op == "in")
        {
            if (operand.Length < 2 || operand[0] != '[' || operand[^1] != ']')
            {
                throw MilvusError.InvalidParameter($"cannot parse expression: {whole}");
            }

            var set = operand[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(v => ParseLong(v, whole)).ToHashSet();
            return set.Contains;
        }

        long value = ParseLong(operand, whole);
        return op switch
        {
            ">" => pk => pk > value,
            "<" => pk => pk < value,
            ">=" => pk => pk >= value,
            "<=" => pk => pk <= value,
            "==" => pk => pk == value,
            "!=" => pk => pk != value,
            _ => throw MilvusError.InvalidParameter($"cannot parse expression: {whole}"),
        };
    }

    private static long ParseLong(string text, string whole) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)
            ? v
            : throw MilvusError.InvalidParameter($"cannot parse expression: {whole}");

    [GeneratedRegex(@"^(?<field>[A-Za-z_][A-Za-z0-9_]*)\s*(?<op>>=|<=|==|!=|>|<|\bin\b)\s*(?<value>.+)$")]
    private static partial Regex AtomPattern();
}
