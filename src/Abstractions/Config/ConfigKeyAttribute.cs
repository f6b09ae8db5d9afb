namespace MilvusDm.Abstractions;

/// <summary>Names and documents one config key. Without it a property's key is its name in snake_case.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class ConfigKeyAttribute : Attribute
{
    /// <summary>Creates the attribute with the key as job files spell it.</summary>
    public ConfigKeyAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The key as job files spell it.</summary>
    public string Name { get; }

    /// <summary>Other spellings accepted for the same key (e.g. <c>milvus-version</c> for <c>milvus_version</c>).</summary>
    public string[] Aliases { get; set; } = [];

    /// <summary>Whether the key must be present and non-null.</summary>
    public bool Required { get; set; }

    /// <summary>One sentence for <c>list-plugins</c> and the README.</summary>
    public string Description { get; set; } = "";

    /// <summary>Whether the value is a secret: it is registered for masking and never shown as a default.</summary>
    public bool Secret { get; set; }
}
