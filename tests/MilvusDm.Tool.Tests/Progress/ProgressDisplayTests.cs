using MilvusDm.Tool.Output;
using MilvusDm.Tool.Progress;
using Spectre.Console;

namespace MilvusDm.Tool.Tests.Progress;

public sealed class ProgressDisplayTests
{
    [Fact]
    public async Task Spectre_InteractiveTerminal_RendersEachDatasetWithRowsAndStatus()
    {
        // Arrange: a console that believes it is an interactive ANSI terminal, writing into a buffer.
        using var buffer = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(buffer),
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        var display = new SpectreProgressDisplay(console);

        // Act: a name with markup characters must be shown literally, not parsed.
        int result = await display.RunAsync(tracker =>
        {
            IDatasetProgress progress = tracker.StartDataset("coll[1]/part", totalRows: 10, totalBytes: 400);
            progress.Advance(4, 160);
            progress.Advance(6, 240);
            progress.Complete("done");
            return Task.FromResult(42);
        });

        // Assert
        Assert.Equal(42, result);
        string text = buffer.ToString();
        Assert.Contains("coll[1]/part", text, StringComparison.Ordinal);
        Assert.Contains("done", text, StringComparison.Ordinal);
        Assert.Contains("10 rows", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_RedirectedOutput_PrintsStartProgressAndEndLines()
    {
        using var errors = new StringWriter();
        var console = new ToolConsole(TextWriter.Null, errors, verbose: false, new SecretMasker());
        var display = new PlainProgressDisplay(console, TimeSpan.Zero);

        IDatasetProgress progress = display.StartDataset("d", totalRows: 200, totalBytes: 2048);
        progress.Advance(50, 512);
        progress.Complete("done");

        string[] lines = errors.ToString().Trim().Split('\n');
        Assert.Equal("[d] started (200 rows, 2.0 KB)", lines[0]);
        Assert.StartsWith("[d] 50/200 rows (25.0%), 512 B, ", lines[1], StringComparison.Ordinal);
        Assert.Contains("ETA", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("[d] done: 50/200 rows (25.0%)", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void SecretMasker_MasksRegisteredSecretsAndTheirBase64()
    {
        var masker = new SecretMasker();
        masker.Register("hunter2-token");

        string masked = masker.Mask("auth failed for hunter2-token (header " + Convert.ToBase64String("hunter2-token"u8) + ")");

        Assert.Equal("auth failed for *** (header ***)", masked);
    }
}
