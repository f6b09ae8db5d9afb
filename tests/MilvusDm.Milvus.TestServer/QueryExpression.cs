using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MilvusDm.Milvus.TestServer;

/// <summary>
/// The filter subset migration clients send: comparisons of the primary key (int64, or VarChar with double-quoted
/// JSON-escaped literals) with literals (<c>&gt; &lt; &gt;= &lt;= == !=</c>, <c>in [..]</c>) joined by <c>and</c>,
/// with optional parentheses.
/// </summary>
public static partial class QueryExpression
{
    public static Func<object, bool> Compile(string expr, string pkName, bool stringKeys = false)
    {
        if (string.IsNullOrWhiteSpace(expr))
        {
            return static _ => true;
        }

        var tests = new List<Func<object, bool>>();
        foreach (string part in SplitAnd(expr))
        {
            tests.Add(CompileAtom(StripParens(part), pkName, expr, stringKeys));
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
            if (c == '"')
            {
                i = EndOfString(expr, i); // brackets and "and" inside a string literal are text
            }
            else if (c is '(' or '[')
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

    private static int EndOfString(string s, int quote)
    {
        for (int i = quote + 1; i < s.Length; i++)
        {
            if (s[i] == '\\')
            {
                i++;
            }
            else if (s[i] == '"')
            {
                return i;
            }
        }

        return s.Length - 1;
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

    private static Func<object, bool> CompileAtom(string atom, string pkName, string whole, bool stringKeys)
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

            var set = new HashSet<object>(LiteralPattern().Matches(operand[1..^1]).Select(m => Literal(m.Value, stringKeys, whole)));
            return set.Contains;
        }

        object value = Literal(operand, stringKeys, whole);
        var order = PrimaryKeyComparer.Instance;
        return op switch
        {
            ">" => pk => order.Compare(pk, value) > 0,
            "<" => pk => order.Compare(pk, value) < 0,
            ">=" => pk => order.Compare(pk, value) >= 0,
            "<=" => pk => order.Compare(pk, value) <= 0,
            "==" => pk => order.Compare(pk, value) == 0,
            "!=" => pk => order.Compare(pk, value) != 0,
            _ => throw MilvusError.InvalidParameter($"cannot parse expression: {whole}"),
        };
    }

    /// <summary>A literal of the key's type: a VarChar key compares with strings only, an int64 key with integers only.</summary>
    private static object Literal(string text, bool stringKeys, string whole)
    {
        if (stringKeys)
        {
            try
            {
                return text.StartsWith('"') ? JsonSerializer.Deserialize<string>(text)! : throw MilvusError.InvalidParameter($"cannot parse expression: {whole}");
            }
            catch (JsonException)
            {
                throw MilvusError.InvalidParameter($"cannot parse expression: {whole}");
            }
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)
            ? v
            : throw MilvusError.InvalidParameter($"cannot parse expression: {whole}");
    }

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""|[^,\s]+")]
    private static partial Regex LiteralPattern();

    [GeneratedRegex(@"^(?<field>[A-Za-z_][A-Za-z0-9_]*)\s*(?<op>>=|<=|==|!=|>|<|\bin\b)\s*(?<value>.+)$")]
    private static partial Regex AtomPattern();
}
