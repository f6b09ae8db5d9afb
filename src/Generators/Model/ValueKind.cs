namespace MilvusDm.Generators.Model;

/// <summary>The YAML value shapes a binder can convert.</summary>
internal enum ValueKind
{
    String,
    Boolean,
    Int32,
    Int64,
    Double,
    Enum,
    Config,
    List,
    Dictionary,
}
