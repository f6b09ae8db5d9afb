using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Output;

/// <summary>Turns any exception escaping a command into one line and the contract's exit code.</summary>
internal static class ErrorHandler
{
    public static int Handle(Exception error, ToolConsole console, CancellationToken cancellationToken)
    {
        switch (error)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                console.Fail("cancelled");
                return ExitCodes.Cancelled;
            case MilvusDmException known:
                console.Fail(OneLine(known.Message));
                console.Debug(known.ToString());
                return known.ExitCode;
            case UnauthorizedAccessException or FileNotFoundException or DirectoryNotFoundException or IOException:
                // File-system errors reaching here come from reading inputs the plugins did not wrap.
                console.Fail(OneLine(error.Message));
                console.Debug(error.ToString());
                return ExitCodes.SourceDataError;
            default:
                console.Fail($"internal error ({error.GetType().Name}): {OneLine(error.Message)}" + (console.Verbose ? "" : " (run with --verbose for details; please report this)"));
                if (console.Verbose)
                {
                    console.Error.WriteLine(console.Masker.Mask(error.ToString()));
                }

                return ExitCodes.InternalError;
        }
    }

    /// <summary>Longest message printed whole; a message quoting a huge value from the input is shortened in the middle.</summary>
    private const int MaxMessageLength = 800;

    private static string OneLine(string message)
    {
        string line = message.ReplaceLineEndings(" ").Trim();
        return line.Length <= MaxMessageLength
            ? line
            : $"{line[..600]} ... ({line.Length - 800:N0} characters omitted) ... {line[^200..]}";
    }
}
