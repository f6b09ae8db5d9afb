namespace MilvusDm.Abstractions;

/// <summary>Unreadable, corrupt or unsupported input (exit 3). Name the file, the offset and what was expected.</summary>
public sealed class SourceDataException : MilvusDmException
{
    /// <summary>Creates the exception.</summary>
    public SourceDataException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a byte offset in a file.</summary>
    public static SourceDataException At(string file, long offset, string problem) =>
        new($"{file}: at byte {offset}: {problem}");

    /// <inheritdoc />
    public override int ExitCode => ExitCodes.SourceDataError;
}
