using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Output;

/// <summary>
/// The tool's two streams: standard output carries only results (JSON, the summary); progress, warnings and
/// errors go to standard error, every line through the secret masker.
/// </summary>
internal sealed class ToolConsole : IPluginLog
{
    private readonly Lock _gate = new();

    public ToolConsole(TextWriter output, TextWriter error, bool verbose, SecretMasker masker)
    {
        Output = output;
        Error = error;
        Verbose = verbose;
        Masker = masker;
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public bool Verbose { get; }

    public SecretMasker Masker { get; }

    /// <summary>Whether standard error is an interactive terminal (live progress) rather than a file or pipe.</summary>
    public bool ErrorIsTerminal { get; init; }

    public void Result(string text) => WriteLine(Output, text);

    public void Fail(string text) => WriteLine(Error, "error: " + text);

    public void Warn(string message) => WriteLine(Error, "warning: " + message);

    public void Info(string message) => WriteLine(Error, message);

    public void Debug(string message)
    {
        if (Verbose)
        {
            WriteLine(Error, "debug: " + message);
        }
    }

    private void WriteLine(TextWriter writer, string text)
    {
        lock (_gate)
        {
            writer.WriteLine(Masker.Mask(text));
            writer.Flush();
        }
    }
}
