namespace MilvusDm.Generators.Model;

/// <summary>How to convert one YAML value: its kind, the C# type (global::-qualified) and, for lists and maps, the element.</summary>
internal sealed record ValueSpec(ValueKind Kind, string TypeName, ValueSpec? Element)
{
    /// <summary>The name <c>list-plugins</c> shows.</summary>
    public string DisplayName(string enumMembers) => Kind switch
    {
        ValueKind.String => "string",
        ValueKind.Boolean => "bool",
        ValueKind.Int32 => "int",
        ValueKind.Int64 => "long",
        ValueKind.Double => "double",
        ValueKind.Enum => "enum(" + enumMembers + ")",
        ValueKind.Config => "object",
        ValueKind.List => "list<" + Element!.DisplayName(enumMembers) + ">",
        _ => "map<string," + Element!.DisplayName(enumMembers) + ">",
    };
}
