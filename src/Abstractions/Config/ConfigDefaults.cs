using System.Collections;
using System.ComponentModel;
using System.Globalization;

namespace MilvusDm.Abstractions;

/// <summary>Formats a config property's initial value as the YAML text <c>list-plugins</c> shows as its default.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ConfigDefaults
{
    /// <summary>The YAML text of a default, or <c>null</c> when there is none.</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        _ when value.GetType().IsDefined(typeof(PluginConfigAttribute), inherit: false) => null,
        string { Length: 0 } => "''",
        string text => text,
        bool flag => flag ? "true" : "false",
        Enum member => EnumNames.ToKebab(member.ToString()),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        ICollection { Count: 0 } => null,
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Format)) + "]",
        _ => value.ToString(),
    };
}
