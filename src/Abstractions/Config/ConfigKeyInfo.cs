namespace MilvusDm.Abstractions;

/// <summary>Metadata of one config key, emitted by the generator and shown by <c>list-plugins</c>.</summary>
/// <param name="Key">The key (nested keys use dots, e.g. <c>mysql.host</c>).</param>
/// <param name="Type">Its type: <c>string</c>, <c>bool</c>, <c>int</c>, <c>long</c>, <c>double</c>, <c>enum(a|b)</c>, <c>list&lt;T&gt;</c>, <c>map&lt;string,T&gt;</c>, <c>object</c>.</param>
/// <param name="Required">Whether it must be set.</param>
/// <param name="Default">Its default as YAML text, or <c>null</c>.</param>
/// <param name="Aliases">Other accepted spellings.</param>
/// <param name="Description">One sentence.</param>
public sealed record ConfigKeyInfo(string Key, string Type, bool Required, string? Default, IReadOnlyList<string> Aliases, string Description);
