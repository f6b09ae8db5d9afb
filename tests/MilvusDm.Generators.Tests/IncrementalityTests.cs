using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MilvusDm.Generators.Tests;

public sealed class IncrementalityTests
{
    private const string Config = """
        using MilvusDm.Abstractions;
        namespace Demo;
        [PluginConfig]
        public sealed partial class C
        {
            [ConfigKey("path", Required = true)]
            public string? Path { get; set; }
        }
        """;

    private const string Other = "namespace Demo; public static class Other { public static int Value => 1; }";

    [Theory]
    [InlineData(0, "// a comment in the config file\n")]
    [InlineData(1, "// a comment elsewhere\n")]
    public void Generator_SecondRunAfterUnrelatedEdit_IsAllCached(int editedTree, string prefix)
    {
        // Arrange
        CSharpCompilation first = GeneratorHarness.Compile(Config, Other);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);
        SyntaxTree old = first.SyntaxTrees.ElementAt(editedTree);
        CSharpCompilation second = first.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(prefix + old.GetText(), (CSharpParseOptions)old.Options, old.FilePath));

        // Act
        GeneratorRunResult run = driver.RunGenerators(second).GetRunResult().Results.Single();

        // Assert
        IncrementalGeneratorRunStep[] modelSteps = run.TrackedSteps[ConfigBinderGenerator.ModelTrackingName].ToArray();
        Assert.NotEmpty(modelSteps);
        Assert.All(modelSteps.SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Generator_EditThatChangesAKey_RegeneratesTheBinder()
    {
        CSharpCompilation first = GeneratorHarness.Compile(Config, Other);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);
        SyntaxTree old = first.SyntaxTrees.First();
        CSharpCompilation second = first.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(old.GetText().ToString().Replace("\"path\"", "\"file\"", StringComparison.Ordinal), (CSharpParseOptions)old.Options, old.FilePath));

        GeneratorRunResult run = driver.RunGenerators(second).GetRunResult().Results.Single();

        Assert.Contains(run.TrackedSteps[ConfigBinderGenerator.ModelTrackingName].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("\"file\"", run.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }
}
