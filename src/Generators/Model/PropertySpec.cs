namespace MilvusDm.Generators.Model;

/// <summary>One bindable property of a config class.</summary>
/// <param name="Name">C# property name.</param>
/// <param name="Key">Primary key as job files spell it.</param>
/// <param name="Aliases">Other accepted spellings.</param>
/// <param name="Value">Conversion.</param>
/// <param name="Required">Must be set and non-null.</param>
/// <param name="Secret">Registered for masking, never shown as a default.</param>
/// <param name="Description">For list-plugins.</param>
/// <param name="EnumMembers">Kebab-case members for enum display (empty otherwise).</param>
internal sealed record PropertySpec(
    string Name,
    string Key,
    EquatableArray<string> Aliases,
    ValueSpec Value,
    bool Required,
    bool Secret,
    string Description,
    string EnumMembers);
