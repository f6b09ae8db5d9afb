using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MilvusDm.Generators;

/// <summary>
/// Reports config classes the generator cannot serve. Kept apart from the generator so <c>#pragma</c> and
/// .editorconfig suppression work as for any analyzer.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConfigBinderAnalyzer : DiagnosticAnalyzer
{
    /// <summary>MDM0001: a [PluginConfig] class must be a non-generic, top-level partial class.</summary>
    public static readonly DiagnosticDescriptor MustBePartial = new(
        "MDM0001",
        "Plugin config class must be a top-level partial class",
        "'{0}' has [PluginConfig] but is not a non-generic, top-level partial class; no binder is generated",
        "MilvusDm.Config",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: "https://github.com/milvusdm/milvusdm/blob/main/docs/plugins.md#mdm0001");

    /// <summary>MDM0002: a public settable property has a type the binder cannot convert.</summary>
    public static readonly DiagnosticDescriptor UnsupportedType = new(
        "MDM0002",
        "Config property type is not supported",
        "Property '{0}' of type '{1}' cannot be bound from YAML; use string, bool, int, long, double, an enum, a [PluginConfig] class, or a list/map of those",
        "MilvusDm.Config",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: "https://github.com/milvusdm/milvusdm/blob/main/docs/plugins.md#mdm0002");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [MustBePartial, UnsupportedType];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ConfigBinderGenerator.AttributeMetadataName))
        {
            return;
        }

        bool partial = type.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(context.CancellationToken))
            .OfType<ClassDeclarationSyntax>()
            .Any(c => c.Modifiers.Any(m => m.ValueText == "partial"));
        if (!partial || type.ContainingType is not null || type.IsGenericType)
        {
            context.ReportDiagnostic(Diagnostic.Create(MustBePartial, type.Locations.FirstOrDefault(), type.Name));
            return;
        }

        foreach (IPropertySymbol property in type.GetMembers().OfType<IPropertySymbol>())
        {
            if (property is { IsStatic: false, IsIndexer: false, SetMethod.DeclaredAccessibility: Accessibility.Public }
                && !ConfigBinderGenerator.IsSupported(property.Type))
            {
                context.ReportDiagnostic(Diagnostic.Create(UnsupportedType, property.Locations.FirstOrDefault(), property.Name, property.Type.ToDisplayString()));
            }
        }
    }
}
