using System.Text;

namespace MilvusDm.Plugins.Milvus.Sink;

/// <summary>Milvus 2.x names: letters, digits and '_', not starting with a digit, at most 255 characters.</summary>
internal static class MilvusNames
{
    /// <summary>The hidden JSON field holding the dynamic fields of a collection with enable_dynamic_field.</summary>
    public const string DynamicField = "$meta";

    public static bool IsDynamicField(string name) => name == DynamicField;

    public static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (text.Length == 0 || char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.Length > 255 ? text.ToString(0, 255) : text.ToString();
    }
}
