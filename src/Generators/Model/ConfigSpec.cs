namespace MilvusDm.Generators.Model;

/// <summary>Everything the emitter needs for one [PluginConfig] class: plain values only, compared by value.</summary>
internal sealed record ConfigSpec(
    string Namespace,
    string TypeName,
    string FullyQualifiedName,
    string Accessibility,
    EquatableArray<PropertySpec> Properties,
    EquatableArray<ExclusiveSpec> Exclusives);
