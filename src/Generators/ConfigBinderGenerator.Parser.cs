using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using MilvusDm.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MilvusDm.Generators;

/// <summary>Symbols → <see cref="ConfigSpec"/>. Unsupported shapes are skipped here and reported by <see cref="ConfigBinderAnalyzer"/>.</summary>
public sealed partial class ConfigBinderGenerator
{
    private const string ConfigKeyAttributeName = "MilvusDm.Abstractions.ConfigKeyAttribute";
    private const string ExclusiveKeysAttributeName = "MilvusDm.Abstractions.ExclusiveKeysAttribute";

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static ConfigSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol { ContainingType: null, IsGenericType: false, IsStatic: false } type
            || context.TargetNode is not ClassDeclarationSyntax declaration
            || !declaration.Modifiers.Any(m => m.ValueText == "partial"))
        {
            return null;
        }

        var properties = new List<PropertySpec>();
        foreach (ISymbol member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IPropertySymbol { IsStatic: false, IsIndexer: false, SetMethod.DeclaredAccessibility: Accessibility.Public } property)
            {
                continue;
            }

            if (ParseValue(property.Type) is not { } value)
            {
                continue;
            }

            properties.Add(ParseProperty(property, value));
        }

        var exclusives = type.GetAttributes()
            .Where(a => a.AttributeClass?.ToDisplayString() == ExclusiveKeysAttributeName)
            .Select(a => new ExclusiveSpec(
                new EquatableArray<string>(a.ConstructorArguments.Length == 1 && !a.ConstructorArguments[0].IsNull
                    ? a.ConstructorArguments[0].Values.Select(v => (string)v.Value!)
                    : []),
                a.NamedArguments.Any(n => n.Key == "OneRequired" && n.Value.Value is true)))
            .ToList();

        string ns = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString();
        string accessibility = type.DeclaredAccessibility == Accessibility.Public ? "public" : "internal";
        return new ConfigSpec(
            ns,
            type.Name,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            accessibility,
            new EquatableArray<PropertySpec>(properties),
            new EquatableArray<ExclusiveSpec>(exclusives));
    }

    private static PropertySpec ParseProperty(IPropertySymbol property, ValueSpec value)
    {
        AttributeData? key = property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ConfigKeyAttributeName);
        string name = key is { ConstructorArguments.Length: 1 } && key.ConstructorArguments[0].Value is string explicitName
            ? explicitName
            : ToSnakeCase(property.Name);
        string[] aliases = [];
        bool required = false;
        bool secret = false;
        string description = "";
        foreach (KeyValuePair<string, TypedConstant> argument in key?.NamedArguments ?? [])
        {
            switch (argument.Key)
            {
                case "Aliases" when !argument.Value.IsNull:
                    aliases = argument.Value.Values.Select(v => (string)v.Value!).ToArray();
                    break;
                case "Required":
                    required = argument.Value.Value is true;
                    break;
                case "Secret":
                    secret = argument.Value.Value is true;
                    break;
                case "Description":
                    description = argument.Value.Value as string ?? "";
                    break;
            }
        }

        return new PropertySpec(
            property.Name,
            name,
            new EquatableArray<string>(aliases),
            value,
            required,
            secret,
            description,
            EnumMembers(property.Type));
    }

    internal static bool IsSupported(ITypeSymbol type) => ParseValue(type) is not null;

    private static ValueSpec? ParseValue(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        string typeName = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeFormat);
        switch (type.SpecialType)
        {
            case SpecialType.System_String:
                return new ValueSpec(ValueKind.String, typeName, null);
            case SpecialType.System_Boolean:
                return new ValueSpec(ValueKind.Boolean, typeName, null);
            case SpecialType.System_Int32:
                return new ValueSpec(ValueKind.Int32, typeName, null);
            case SpecialType.System_Int64:
                return new ValueSpec(ValueKind.Int64, typeName, null);
            case SpecialType.System_Double:
                return new ValueSpec(ValueKind.Double, typeName, null);
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return new ValueSpec(ValueKind.Enum, typeName, null);
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        if (named.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == AttributeMetadataName))
        {
            return new ValueSpec(ValueKind.Config, typeName, null);
        }

        string definition = named.OriginalDefinition.ToDisplayString();
        if (definition is "System.Collections.Generic.List<T>" or "System.Collections.Generic.IReadOnlyList<T>" or "System.Collections.Generic.IList<T>")
        {
            return ParseValue(named.TypeArguments[0]) is { Kind: not (ValueKind.List or ValueKind.Dictionary) } element
                ? new ValueSpec(ValueKind.List, typeName, element)
                : null;
        }

        if (definition is "System.Collections.Generic.Dictionary<TKey, TValue>" or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>" or "System.Collections.Generic.IDictionary<TKey, TValue>"
            && named.TypeArguments[0].SpecialType == SpecialType.System_String)
        {
            return ParseValue(named.TypeArguments[1]) is { Kind: not ValueKind.Dictionary } element
                ? new ValueSpec(ValueKind.Dictionary, typeName, element)
                : null;
        }

        return null;
    }

    private static string EnumMembers(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return type.TypeKind == TypeKind.Enum
            ? string.Join("|", type.GetMembers().OfType<IFieldSymbol>().Where(f => f.IsConst).Select(f => ToKebabCase(f.Name)))
            : "";
    }

    private static string ToSnakeCase(string name) => Separate(name, '_');

    private static string ToKebabCase(string name) => Separate(name, '-');

    private static string Separate(string name, char separator)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c) && i > 0 && !char.IsUpper(name[i - 1]))
            {
                builder.Append(separator);
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
