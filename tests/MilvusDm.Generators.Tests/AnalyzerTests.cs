using Microsoft.CodeAnalysis;

namespace MilvusDm.Generators.Tests;

public sealed class AnalyzerTests
{
    [Fact]
    public async Task Analyzer_ConfigClassNotPartial_ReportsMdm0001()
    {
        var compilation = GeneratorHarness.Compile("using MilvusDm.Abstractions; [PluginConfig] public sealed class C { public string? P { get; set; } }");

        var diagnostics = await GeneratorHarness.AnalyzeAsync(compilation);

        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("MDM0001", diagnostic.Id);
        Assert.Empty(GeneratorHarness.Run(compilation).Result.GeneratedTrees);
    }

    [Fact]
    public async Task Analyzer_UnsupportedPropertyType_ReportsMdm0002()
    {
        var compilation = GeneratorHarness.Compile("using MilvusDm.Abstractions; [PluginConfig] public sealed partial class C { public System.DateTime When { get; set; } public string? Ok { get; set; } }");

        var diagnostics = await GeneratorHarness.AnalyzeAsync(compilation);

        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("MDM0002", diagnostic.Id);
        Assert.Contains("When", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyzer_SupportedConfig_ReportsNothing()
    {
        var compilation = GeneratorHarness.Compile("using MilvusDm.Abstractions; [PluginConfig] public sealed partial class C { public string? P { get; set; } public System.Collections.Generic.List<int>? L { get; set; } }");

        Assert.Empty(await GeneratorHarness.AnalyzeAsync(compilation));
    }
}
