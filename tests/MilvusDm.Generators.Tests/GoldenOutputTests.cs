using Microsoft.CodeAnalysis;

namespace MilvusDm.Generators.Tests;

public sealed class GoldenOutputTests
{
    private const string Source = """
        using System.Collections.Generic;
        using MilvusDm.Abstractions;

        namespace Demo;

        public enum Mode { Skip, Append, KeepLast }

        [PluginConfig]
        public sealed partial class MySqlConfig
        {
            [ConfigKey("host", Required = true, Description = "Host.")]
            public string? Host { get; set; }

            [ConfigKey("password", Secret = true)]
            public string? Password { get; set; }
        }

        [PluginConfig]
        [ExclusiveKeys("paths", "dir", OneRequired = true)]
        public sealed partial class DemoConfig
        {
            [ConfigKey("paths", Description = "Files.")]
            public List<string>? Paths { get; set; }

            [ConfigKey("dir", Aliases = ["data_dir"], Description = "Folder.")]
            public string? Dir { get; set; }

            [ConfigKey("mode")]
            public Mode Mode { get; set; } = Mode.Append;

            public int? BatchRows { get; set; }

            [ConfigKey("mysql")]
            public MySqlConfig? MySql { get; set; }

            [ConfigKey("collections")]
            public Dictionary<string, List<string>?>? Collections { get; set; }
        }
        """;

    [Theory]
    [InlineData("Demo.DemoConfig.Binder.g.cs")]
    [InlineData("Demo.MySqlConfig.Binder.g.cs")]
    public void Generator_DemoConfig_EmitsExpectedText(string hintName)
    {
        // Arrange
        string expectedPath = Path.Combine(AppContext.BaseDirectory, "Expected", hintName + ".txt");
        string expected = File.Exists(expectedPath) ? File.ReadAllText(expectedPath) : "";

        // Act
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Run(GeneratorHarness.Compile(Source));

        // Assert
        string actual = result.GeneratedTrees.Single(t => Path.GetFileName(t.FilePath) == hintName).GetText().ToString();
        if (actual != expected)
        {
            // Leave the actual text beside the test output so a reviewer can diff it and, if right, copy it over.
            Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "Actual"));
            File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "Actual", hintName + ".txt"), actual);
        }

        Assert.Equal(expected, actual);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
