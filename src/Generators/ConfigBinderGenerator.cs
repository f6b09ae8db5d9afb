using System.Text;
using MilvusDm.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace MilvusDm.Generators;

/// <summary>
/// Emits a YAML binder and key metadata for every <c>[PluginConfig]</c> class, so plugins get line-and-column
/// accurate config errors without reflection.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class ConfigBinderGenerator : IIncrementalGenerator
{
    /// <summary>Tracking name of the model step, used by the incrementality test.</summary>
    public const string ModelTrackingName = "ConfigSpec";

    internal const string AttributeMetadataName = "MilvusDm.Abstractions.PluginConfigAttribute";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ConfigSpec> specs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeMetadataName,
                predicate: static (node, _) => node is ClassDeclarationSyntax,
                transform: static (ctx, ct) => Parse(ctx, ct))
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(ModelTrackingName);

        context.RegisterSourceOutput(specs, static (spc, spec) =>
            spc.AddSource(spec.FullyQualifiedName.Replace("global::", "") + ".Binder.g.cs", SourceText.From(Emit(spec), Encoding.UTF8)));
    }
}
